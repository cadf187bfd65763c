import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MonitorTargetSchema } from '../../../preload/contract.ts';
import type { CheckResult, TargetOf } from '../../../main/monitors/checks/check-kind.ts';
import { sshCheck } from '../../../main/monitors/checks/ssh.ts';
import { evaluateCondition } from '../../../main/monitors/conditions/evaluate-condition.ts';
import { parseCondition } from '../../../main/monitors/conditions/parse-condition.ts';
import { connect } from '../../../main/ssh/connect.ts';
import { hostReportScript } from '../../../main/ssh/host-metrics.ts';
import { parseHostReport } from '../../../main/ssh/host-metrics-parse.ts';
import { runScript } from '../../../main/ssh/run-command.ts';
import { makeBinDir, startSshd, type TestSshd } from '../../helpers/sshd.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { BARE_TOOLS, fakeSystemctl, loginTo, silentServer, tcpSocketCount, waitUntil, type SilentServer } from '../../ssh/ssh-test-utils.ts';

const tmp = makeTempDir('photon-ssh-check-');
const systemctlLog = path.join(tmp.dir, 'systemctl-args.log');
let sshd: TestSshd;
/** The same kind of server, but its sessions find neither systemctl nor sqlite3 on PATH. */
let bare: TestSshd;
let silent: SilentServer;

before(async () => {
  const fakeBin = makeBinDir(tmp.dir, 'fake-bin', [], { systemctl: fakeSystemctl(systemctlLog) });
  const bareBin = makeBinDir(tmp.dir, 'bare-bin', BARE_TOOLS);
  [sshd, bare, silent] = await Promise.all([
    startSshd({ sessionPath: `${fakeBin}:/usr/local/bin:/usr/bin:/bin` }),
    startSshd({ sessionPath: bareBin }),
    silentServer(),
  ]);
});
after(async () => {
  await Promise.all([sshd?.stop(), bare?.stop(), silent?.close()]);
  tmp.cleanup();
});

function target(server: TestSshd, extra: Record<string, unknown> = {}): TargetOf<'ssh'> {
  const t = MonitorTargetSchema.parse({
    kind: 'ssh',
    host: server.host,
    port: server.port,
    user: server.user,
    hostKey: server.hostKeyFingerprint,
    privateKeyPath: server.clientKeyPath,
    ...extra,
  });
  assert.equal(t.kind, 'ssh');
  return t as TargetOf<'ssh'>;
}

const ctx = (timeoutMs = 5_000, signal = new AbortController().signal) => ({ signal, timeoutMs });

function holds(result: CheckResult, conditions: string[]): boolean[] {
  return conditions.map((c) => evaluateCondition(parseCondition(c), result.observation).satisfied);
}

test('a command that succeeds: CONNECTED, EXIT_CODE 0, BODY is stdout less one trailing newline', async () => {
  const t = target(sshd, { command: 'printf "hello\\n\\n"; printf "note" >&2' });
  const r = await sshCheck.run(t, ctx());
  assert.equal(r.reached, true, r.message);
  assert.equal(r.observation.CONNECTED, true);
  assert.equal(r.observation.EXIT_CODE, 0);
  assert.equal(r.observation.BODY, 'hello\n');
  assert.equal(typeof r.observation.RESPONSE_TIME, 'number');
  assert.equal(r.latencyMs, r.observation.RESPONSE_TIME);
  assert.match(r.message, /^root@127\.0\.0\.1:\d+ connected in \d+ ms; exit 0$/);
  assert.deepEqual(
    { exitCode: r.evidence.exitCode, stdout: r.evidence.stdout, stderr: r.evidence.stderr, hostKey: r.evidence.hostKey },
    { exitCode: 0, stdout: 'hello\n\n', stderr: 'note', hostKey: 'ok' },
  );
  assert.deepEqual(sshCheck.defaultConditionsFor(t), ['[CONNECTED] == true', '[EXIT_CODE] == 0']);
  assert.deepEqual(holds(r, sshCheck.defaultConditionsFor(t)), [true, true]);
  assert.deepEqual(holds(r, ['[BODY] == pat(hello*)', '[RESPONSE_TIME] < 5000']), [true, true]);
});

test('a failing command is reached with its exit code and stderr in the message; EXIT_CODE == 0 fails', async () => {
  const t = target(sshd, { command: 'echo "disk almost full" >&2; exit 3' });
  const r = await sshCheck.run(t, ctx());
  assert.equal(r.reached, true);
  assert.equal(r.observation.EXIT_CODE, 3);
  assert.match(r.message, /exit 3: disk almost full$/);
  assert.deepEqual(holds(r, sshCheck.defaultConditionsFor(t)), [true, false]);
});

test('evidence stays small: stdout capped at 4 KB and flagged, BODY keeps the full output', async () => {
  const r = await sshCheck.run(target(sshd, { command: 'head -c 100000 /dev/zero | tr "\\0" x' }), ctx());
  assert.equal((r.evidence.stdout as string).length, 4_096);
  assert.equal(r.evidence.stdoutTruncated, true);
  assert.equal((r.observation.BODY as string).length, 100_000);
  assert.ok(JSON.stringify(r.evidence).length < 8_000);
});

test('a changed host key is unreached, names both fingerprints and is marked as a mismatch in evidence', async () => {
  const pinned = 'SHA256:' + 'Q'.repeat(43);
  const r = await sshCheck.run(target(sshd, { hostKey: pinned, command: 'true' }), ctx());
  assert.equal(r.reached, false);
  assert.ok(r.message.includes(pinned) && r.message.includes(sshd.hostKeyFingerprint), r.message);
  assert.match(r.message, /re-pin it/);
  assert.deepEqual(r.evidence, {
    target: `root@127.0.0.1:${sshd.port}`,
    error: 'host-key-mismatch',
    hostKey: 'mismatch',
    pinned,
    offered: sshd.hostKeyFingerprint,
    offeredKeyType: 'ssh-ed25519',
  });
  assert.deepEqual(r.observation, { CONNECTED: false });
});

test('an authentication failure is unreached (nothing was checked), with an auth error in evidence', async () => {
  const r = await sshCheck.run(target(sshd, { privateKeyPath: sshd.strangerKeyPath }), ctx());
  assert.equal(r.reached, false);
  assert.equal(r.evidence.error, 'auth');
  assert.match(r.message, /SSH authentication failed for root@127\.0\.0\.1/);
});

test('a port that accepts but never speaks SSH: unreached, "timed out", within the budget', async () => {
  const started = performance.now();
  const r = await sshCheck.run(target(sshd, { port: silent.port }), ctx(500));
  assert.ok(performance.now() - started < 1_500);
  assert.equal(r.reached, false);
  assert.match(r.message, /timed out after \d+ ms \(TCP connected, SSH handshake not completed\)/);
  assert.equal(r.evidence.error, 'timeout');
});

test('an abort mid-command returns promptly and closes the connection', async () => {
  await waitUntil('no socket left from earlier tests', () => tcpSocketCount() === 0);
  const controller = new AbortController();
  const running = sshCheck.run(target(sshd, { command: 'sleep 5' }), ctx(10_000, controller.signal));
  await new Promise((r) => setTimeout(r, 300));
  const abortedAt = performance.now();
  controller.abort();
  const r = await running;
  assert.ok(performance.now() - abortedAt < 1_500, 'returned within the close grace period');
  assert.equal(r.reached, false);
  assert.match(r.message, /was aborted/);
  assert.equal(tcpSocketCount(), 0);
});

test('a command that outlives the run budget: unreached, with the command timeout in the message', async () => {
  const r = await sshCheck.run(target(sshd, { command: 'sleep 5' }), ctx(800));
  assert.equal(r.reached, false);
  assert.equal(r.observation.CONNECTED, true);
  assert.equal(Object.hasOwn(r.observation, 'EXIT_CODE'), false);
  assert.match(r.message, /timed out after \d+ ms/);
});

test('host metrics without a command: evidence, and BODY as JSON that conditions can address', async () => {
  const r = await sshCheck.run(target(sshd, { hostMetrics: true }), ctx(15_000));
  assert.equal(r.reached, true, r.message);
  const metrics = r.evidence.metrics as { load: unknown; memory: { usedPercent: number }; disks: unknown[] };
  assert.ok(metrics.load && metrics.memory && metrics.disks.length > 0, JSON.stringify(metrics));
  assert.match(r.message, /load [\d.]+\/\d+ cpus, memory [\d.]+% used, \/\S* [\d.]+% full/);
  assert.equal(Object.hasOwn(r.observation, 'EXIT_CODE'), false);
  assert.deepEqual(holds(r, ['[BODY].memory.usedPercent < 100', '[BODY].maxDiskUsedPercent <= 100', 'has([BODY].load.load1) == true']), [
    true,
    true,
    true,
  ]);
});

test('units: states from systemctl is-active, each name passed after "--" intact', async () => {
  fs.rmSync(systemctlLog, { force: true });
  const r = await sshCheck.run(target(sshd, { units: ['photon-ok', 'photon-failed.service', 'no-such.service'] }), ctx());
  assert.deepEqual(r.evidence.units, { 'photon-ok': 'active', 'photon-failed.service': 'failed', 'no-such.service': 'inactive' });
  assert.match(r.message, /units: photon-ok active, photon-failed\.service failed, no-such\.service inactive$/);
  assert.deepEqual(holds(r, ['[BODY].units.photon-ok == active']), [true]);
  assert.equal(
    fs.readFileSync(systemctlLog, 'utf8'),
    '[is-active][--][photon-ok]\n[is-active][--][photon-failed.service]\n[is-active][--][no-such.service]\n',
  );
});

test('units on a host without systemctl: "unknown (systemctl not found)", and the check still succeeds', async () => {
  // The premise, checked rather than assumed: this session really has no systemctl.
  const probe = await connect(loginTo(bare));
  const which = await runScript(probe, 'command -v systemctl || echo none');
  await probe.close();
  assert.equal(which.stdout, 'none\n', 'the bare host must not have systemctl');

  const r = await sshCheck.run(target(bare, { units: ['nginx', 'cron'], command: 'echo fine' }), ctx());
  assert.equal(r.reached, true);
  assert.equal(r.observation.EXIT_CODE, 0);
  assert.equal(r.observation.BODY, 'fine');
  assert.deepEqual(r.evidence.units, { nginx: 'unknown (systemctl not found)', cron: 'unknown (systemctl not found)' });
});

test('hostile unit names reach systemctl as single arguments and run nothing (script level, below the schema)', async () => {
  const canary = path.join(tmp.dir, 'pwned');
  const names = [`x; touch ${canary}`, `$(touch ${canary})`, `a'b"c`, '-h', `\`touch ${canary}\``];
  fs.rmSync(systemctlLog, { force: true });
  const conn = await connect(loginTo(sshd));
  const out = await runScript(conn, hostReportScript({ metrics: false, units: names }));
  await conn.close();
  assert.equal(fs.existsSync(canary), false);
  assert.equal(fs.readFileSync(systemctlLog, 'utf8'), names.map((n) => `[is-active][--][${n}]\n`).join(''));
  assert.deepEqual(Object.values(parseHostReport(out.stdout, names).units), names.map(() => 'inactive'));
});

test('command and metrics together: BODY is the command output, metrics go to evidence', async () => {
  const r = await sshCheck.run(target(sshd, { command: 'echo 42', hostMetrics: true, units: ['photon-ok'] }), ctx(15_000));
  assert.equal(r.observation.BODY, '42');
  assert.ok(r.evidence.metrics);
  assert.deepEqual(r.evidence.units, { 'photon-ok': 'active' });
});

test('describe and the static default conditions', () => {
  assert.equal(sshCheck.describe(target(sshd, { command: 'uptime' })), `root@127.0.0.1:${sshd.port} $ uptime`);
  assert.equal(sshCheck.describe(target(sshd)), `root@127.0.0.1:${sshd.port}`);
  assert.deepEqual(sshCheck.defaultConditions, ['[CONNECTED] == true']);
  assert.deepEqual(sshCheck.defaultConditionsFor(target(sshd)), ['[CONNECTED] == true']);
});
