import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call, callError, processesMatching, recordRunOutput } from '../helpers/recovery-harness.ts';
import { PASSWORD_USER, startAgent, startSshd, type TestAgent, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

/** Values that would change a command's shape if they ever reached a shell unquoted. */
const HOSTILE = ['x; rm -rf /', '$(id)', '`id`', 'two\nlines', `it's "quoted"`, '--help', '* ?', '\\$HOME', '|| true &', ''];

describe('runbooks on a real sshd', () => {
  let sshd: TestSshd;
  let agent: TestAgent;
  let core: ReturnType<typeof startTestCore>;
  let hostId: number;
  let output: ReturnType<typeof recordRunOutput>;
  const temp = makeTempDir('photon-runbooks-');

  before(async () => {
    sshd = await startSshd({ passwordUser: true });
    agent = await startAgent(temp.dir, [sshd.agentKeyPath]);
    const knownHostsFile = path.join(temp.dir, 'known_hosts');
    fs.writeFileSync(knownHostsFile, '');
    core = startTestCore(undefined, { secrets: new MemorySecretStore(), knownHostsFile, recoveryPollMs: 100 });
    output = recordRunOutput(core);
    const host = await call(core, 'saveHost', { name: 'vm1', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.clientKeyPath, services: ['photon-test.service'] });
    hostId = host.id;
    await call(core, 'pinHostKey', { hostId, fingerprint: sshd.hostKeyFingerprint });
  });
  after(async () => {
    output.stop();
    await core.dispose();
    await agent.stop();
    await sshd.stop();
    temp.cleanup();
  });

  const runToEnd = async (input: { hostId: number; runbookId: string; params?: Record<string, string | number>; confirmation: string }) => {
    const started = await call(core, 'startRunbook', { params: {}, ...input });
    assert.equal(started.status, 'running');
    return core.recovery.finished(started.id);
  };

  test('Diagnose previews its exact commands, streams output and writes a complete audit record', async () => {
    const plan = await call(core, 'previewRunbook', { hostId, runbookId: 'builtin:diagnose', params: {} });
    assert.equal(plan.danger, 'read-only');
    assert.equal(plan.confirmPhrase, 'yes');
    assert.deepEqual(
      plan.commands.map((c) => c.display),
      ["'uptime'", "'df' '-h'", "'free' '-m'", "'systemctl' 'status' '--no-pager' 'photon-test.service'", "'journalctl' '-u' 'photon-test.service' '-n' '200' '--no-pager'", "'ss' '-tlnp'"],
    );

    const done = await runToEnd({ hostId, runbookId: 'builtin:diagnose', confirmation: 'yes' });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.equal(done.trigger, 'ui');
    assert.deepEqual(done.commands, plan.commands);
    assert.ok(done.durationMs !== null && done.durationMs >= 0);
    const streamed = output.text(done.id);
    assert.match(streamed, /load average/, 'uptime output streamed live');
    assert.match(streamed, /Filesystem/, 'df output streamed live');
    const detail = await call(core, 'getRun', { runId: done.id });
    assert.equal(detail.output, streamed, 'the stored output is what was streamed');
    assert.equal(detail.outputSha256, createHash('sha256').update(streamed).digest('hex'));
    assert.equal(detail.outputBytes, Buffer.byteLength(streamed));
    assert.equal(detail.recovered, null, 'no monitor watches the host yet');
    assert.match(detail.verification ?? '', /no monitor watches/);
    assert.equal((await call(core, 'listHosts', {}))[0]!.lastRun?.id, done.id);
  });

  test('nothing runs without the confirm phrase; disruptive runbooks want the host name typed', async () => {
    const before = (await call(core, 'listRuns', { hostId })).length;
    const e1 = await callError(core, 'startRunbook', { hostId, runbookId: 'builtin:diagnose', params: {}, confirmation: 'ok' });
    assert.equal(e1.field, 'confirmation');
    assert.match(e1.message, /type "yes" to confirm Diagnose on vm1; nothing was run/);
    const reboot = await call(core, 'previewRunbook', { hostId, runbookId: 'builtin:reboot', params: {} });
    assert.equal(reboot.confirmPhrase, 'vm1');
    assert.equal(reboot.danger, 'disruptive');
    const e2 = await callError(core, 'startRunbook', { hostId, runbookId: 'builtin:reboot', params: {}, confirmation: 'yes' });
    assert.match(e2.message, /type the host name "vm1"/);
    assert.equal((await call(core, 'listRuns', { hostId })).length, before, 'no audit record for a refused start');
  });

  test('hostile parameter values reach a remote command as literal text', async () => {
    const rb = await call(core, 'saveRunbook', {
      hostId,
      name: 'echo back',
      readOnly: true,
      params: [{ type: 'string', name: 'value', maxLength: 100 }],
      steps: [{ remote: ['printf', '[%s]\\n', '{{value}}'] }, { remote: ['printf', '[prefix-{{value}}-suffix]\\n'] }],
    });
    for (const value of HOSTILE) {
      const done = await runToEnd({ hostId, runbookId: rb.id, params: { value }, confirmation: 'yes' });
      assert.equal(done.status, 'succeeded', `${JSON.stringify(value)}: ${done.error}`);
      const stdout = output.stdout(done.id);
      assert.equal(stdout, `[${value}]\n[prefix-${value}-suffix]\n`, `value ${JSON.stringify(value)} came back changed`);
    }
  });

  test('hostile parameter values reach a local program as one literal argument', async () => {
    const rb = await call(core, 'saveRunbook', {
      hostId,
      name: 'local echo',
      readOnly: true,
      params: [{ type: 'string', name: 'value', maxLength: 100 }],
      steps: [{ local: ['printf', '[%s]\\n', '{{value}}'] }],
    });
    for (const value of HOSTILE) {
      const done = await runToEnd({ hostId, runbookId: rb.id, params: { value }, confirmation: 'yes' });
      assert.equal(done.status, 'succeeded', done.error ?? '');
      assert.ok(output.text(done.id).includes(`[${value}]\n`), `local value ${JSON.stringify(value)} came back changed: ${output.text(done.id)}`);
    }
  });

  test('typed parameters are checked before anything runs', async () => {
    const rb = await call(core, 'saveRunbook', {
      hostId,
      name: 'typed',
      params: [
        { type: 'enum', name: 'unit', values: ['nginx', 'postgresql'] },
        { type: 'number', name: 'lines', min: 1, max: 500, default: 50 },
        { type: 'string', name: 'tag', pattern: '[a-z0-9-]+', maxLength: 20 },
      ],
      steps: [{ remote: ['echo', '{{unit}}', '{{lines}}', '{{tag}}'] }],
    });
    const cases: Array<[Record<string, string | number>, string, RegExp]> = [
      [{ unit: 'sshd', tag: 'a' }, 'params.unit', /must be one of nginx, postgresql/],
      [{ unit: 'nginx', lines: 0, tag: 'a' }, 'params.lines', /at least 1/],
      [{ unit: 'nginx', lines: 2.5, tag: 'a' }, 'params.lines', /whole number/],
      [{ unit: 'nginx', lines: 'ten', tag: 'a' }, 'params.lines', /must be a number/],
      [{ unit: 'nginx', tag: 'A;B' }, 'params.tag', /does not match the pattern/],
      [{ unit: 'nginx' }, 'params.tag', /parameter tag is required/],
      [{ unit: 'nginx', tag: 'a', extra: 'x' }, 'params.extra', /unknown parameter "extra"; this runbook takes unit, lines, tag/],
    ];
    for (const [params, field, message] of cases) {
      const e = await callError(core, 'previewRunbook', { hostId, runbookId: rb.id, params });
      assert.equal(e.code, 'INVALID_INPUT');
      assert.equal(e.field, field, JSON.stringify(params));
      assert.match(e.message, message);
    }
    const ok = await call(core, 'previewRunbook', { hostId, runbookId: rb.id, params: { unit: 'nginx', tag: 'web-1' } });
    assert.equal(ok.commands[0]!.display, "'echo' 'nginx' '50' 'web-1'");
  });

  test('runbook definitions that could change a command’s shape are refused when saved', async () => {
    const bad: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ params: [{ type: 'string', name: 'prog' }], steps: [{ remote: ['{{prog}}'] }] }, 'steps.0.remote.0', /program \(first element\) cannot come from a parameter/],
      [{ steps: [{ local: ['echo', '{{nope}}'] }] }, 'steps.0.local.1', /\{\{nope\}\} names no declared parameter/],
      [{ steps: [{ remote: ['reboot'] }], schedule: 'daily 03:00' }, 'schedule', /only read-only runbooks may run on a schedule/],
      [{ readOnly: true, steps: [{ remote: ['uptime'] }], schedule: 'daily 25:00' }, 'schedule', /names no real time of day/],
      [{ params: [{ type: 'string', name: 'p', pattern: '(' }], steps: [{ remote: ['echo', '{{p}}'] }] }, 'params.0.pattern', /not a valid regular expression/],
      [{ steps: [] }, 'steps', /at least one step/],
      [{ steps: [{ shell: 'rm -rf /' }] }, 'steps.0', /each step must be one of/],
    ];
    for (const [def, field, message] of bad) {
      const e = await callError(core, 'saveRunbook', { hostId, name: 'bad', ...def });
      assert.equal(e.field, field, `${JSON.stringify(def)} → ${e.message}`);
      assert.match(e.message, message);
    }
  });

  test('cancel stops the remote command and everything it started; the audit record says so', async () => {
    const marker = `photon-cancel-${randomBytes(4).toString('hex')}`;
    const rb = await call(core, 'saveRunbook', { hostId, name: 'long', readOnly: true, steps: [{ remote: ['sh', '-c', 'sleep 300 & sleep 3; echo never', marker] }] });
    const started = await call(core, 'startRunbook', { hostId, runbookId: rb.id, params: {}, confirmation: 'yes' });
    await waitFor(() => processesMatching(marker).length > 0, 'the remote command to start');
    await call(core, 'cancelRun', { runId: started.id });
    const done = await core.recovery.finished(started.id);
    assert.equal(done.status, 'cancelled');
    assert.equal(done.error, 'cancelled by the operator');
    await waitFor(() => processesMatching(marker).length === 0 && processesMatching('sleep 300').length === 0, 'no stray processes on the host');
    // Had the shell survived, it would print "never" 3 s after its start.
    await new Promise((r) => setTimeout(r, 3_500));
    const detail = await call(core, 'getRun', { runId: started.id });
    assert.match(detail.output, /stopped: sent SIGTERM to process group \d+ on the host/);
    assert.doesNotMatch(output.stdout(started.id), /never/, "the command was stopped before it finished");
    const again = await callError(core, 'cancelRun', { runId: started.id });
    assert.equal(again.code, 'CONFLICT');
  });

  test('a timeout stops a local program and its children, and is recorded as timed-out', async () => {
    const marker = `photon-timeout-${randomBytes(4).toString('hex')}`;
    const rb = await call(core, 'saveRunbook', { hostId, name: 'slow local', readOnly: true, timeoutSeconds: 5, steps: [{ local: ['sh', '-c', 'sleep 302 & sleep 303', marker] }] });
    const done = await runToEnd({ hostId, runbookId: rb.id, confirmation: 'yes' });
    assert.equal(done.status, 'timed-out');
    assert.match(done.error ?? '', /ran past its timeout/);
    assert.deepEqual(processesMatching(marker), []);
    assert.deepEqual(processesMatching('sleep 30[23]'), []);
    assert.match((await call(core, 'getRun', { runId: done.id })).output, /stopped: sent SIGTERM to local process group/);
  });

  test('a timeout stops a remote command the same way, and a cancel stops a local one', async () => {
    const marker = `photon-remote-timeout-${randomBytes(4).toString('hex')}`;
    const remote = await call(core, 'saveRunbook', { hostId, name: 'slow remote', readOnly: true, timeoutSeconds: 5, steps: [{ remote: ['sh', '-c', 'sleep 304 & sleep 305', marker] }] });
    const timedOut = await runToEnd({ hostId, runbookId: remote.id, confirmation: 'yes' });
    assert.equal(timedOut.status, 'timed-out');
    await waitFor(() => processesMatching(marker).length === 0 && processesMatching('sleep 30[45]').length === 0, 'no stray remote processes');
    assert.match((await call(core, 'getRun', { runId: timedOut.id })).output, /stopped: sent SIGTERM to process group \d+ on the host/);

    const localMarker = `photon-local-cancel-${randomBytes(4).toString('hex')}`;
    const local = await call(core, 'saveRunbook', { hostId, name: 'local long', readOnly: true, steps: [{ local: ['sh', '-c', 'sleep 306 & sleep 307', localMarker] }] });
    const started = await call(core, 'startRunbook', { hostId, runbookId: local.id, params: {}, confirmation: 'yes' });
    await waitFor(() => processesMatching(localMarker).length > 0, 'the local program to start');
    await call(core, 'cancelRun', { runId: started.id });
    assert.equal((await core.recovery.finished(started.id)).status, 'cancelled');
    await waitFor(() => processesMatching(localMarker).length === 0 && processesMatching('sleep 30[67]').length === 0, 'no stray local processes');
  });

  test('a value passed to sh -c as a positional argument stays data; spliced into the script it is refused', async () => {
    const safe = await call(core, 'saveRunbook', {
      hostId,
      name: 'positional',
      readOnly: true,
      params: [{ type: 'string', name: 'value' }],
      steps: [{ remote: ['sh', '-c', 'printf "<%s>\\n" "$1"', 'sh', '{{value}}'] }],
    });
    const value = '$(id) `id`; echo pwned';
    const done = await runToEnd({ hostId, runbookId: safe.id, params: { value }, confirmation: 'yes' });
    assert.equal(output.stdout(done.id), `<${value}>\n`);
    for (const steps of [[{ remote: ['sh', '-c', 'echo {{value}}'] }], [{ local: ['sudo', 'bash', '-lc', 'echo {{value}}'] }], [{ remote: ['python3', '-c', 'print("{{value}}")'] }]]) {
      const e = await callError(core, 'saveRunbook', { hostId, name: 'spliced', params: [{ type: 'string', name: 'value' }], steps });
      assert.match(e.message, /would run this argument as code/);
    }
  });

  test('one run per host at a time', async () => {
    const rb = await call(core, 'saveRunbook', { hostId, name: 'pause', readOnly: true, steps: [{ remote: ['sleep', '2'] }] });
    const first = await call(core, 'startRunbook', { hostId, runbookId: rb.id, params: {}, confirmation: 'yes' });
    const second = await callError(core, 'startRunbook', { hostId, runbookId: rb.id, params: {}, confirmation: 'yes' });
    assert.equal(second.code, 'CONFLICT');
    assert.match(second.message, /another runbook is running on vm1/);
    assert.equal((await core.recovery.finished(first.id)).status, 'succeeded');
  });

  test('logs in with a password, an encrypted key and an ssh-agent, secrets coming from the vault', async () => {
    const password = await call(core, 'setSecret', { kind: 'ssh-password', label: `password for ${PASSWORD_USER}`, value: sshd.password! });
    const pw = await call(core, 'saveHost', { name: 'pw-host', address: sshd.host, port: sshd.port, user: PASSWORD_USER, auth: 'password', secretRef: password.ref });
    const passphrase = await call(core, 'setSecret', { kind: 'key-passphrase', label: 'encrypted test key', value: sshd.clientKeyPassphrase });
    const keyed = await call(core, 'saveHost', { name: 'key-host', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.encryptedClientKeyPath, secretRef: passphrase.ref });
    const viaAgent = await call(core, 'saveHost', { name: 'agent-host', address: sshd.host, port: sshd.port, user: 'root', auth: 'agent' });
    const previousSock = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = agent.socket;
    try {
      for (const h of [pw, keyed, viaAgent]) {
        await call(core, 'pinHostKey', { hostId: h.id, fingerprint: sshd.hostKeyFingerprint });
        const rb = await call(core, 'saveRunbook', { hostId: h.id, name: 'whoami', readOnly: true, steps: [{ remote: ['id', '-un'] }] });
        const done = await runToEnd({ hostId: h.id, runbookId: rb.id, confirmation: 'yes' });
        assert.equal(done.status, 'succeeded', `${h.name}: ${done.error}`);
        assert.ok(output.text(done.id).includes(`${h.user}\n`), output.text(done.id));
      }
    } finally {
      if (previousSock === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previousSock;
    }
    const inUse = await callError(core, 'deleteSecret', { ref: password.ref });
    assert.equal(inUse.code, 'CONFLICT');
    assert.match(inUse.message, /used by host pw-host/);
    const wrongKind = await callError(core, 'saveHost', { name: 'x', address: sshd.host, user: 'root', auth: 'password', secretRef: passphrase.ref });
    assert.match(wrongKind.message, /names a key-passphrase; expected ssh-password/);
  });

  test('a wrong stored password fails the run with an auth error and never shows the password', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const secret = await call(core, 'setSecret', { kind: 'ssh-password', label: 'stale password', value: wrong });
    const h = await call(core, 'saveHost', { name: 'stale-pw', address: sshd.host, port: sshd.port, user: PASSWORD_USER, auth: 'password', secretRef: secret.ref });
    await call(core, 'pinHostKey', { hostId: h.id, fingerprint: sshd.hostKeyFingerprint });
    const done = await runToEnd({ hostId: h.id, runbookId: 'builtin:diagnose', confirmation: 'yes' });
    assert.equal(done.status, 'failed');
    assert.match(done.error ?? '', /cannot open an SSH session to stale-pw/);
    const detail = await call(core, 'getRun', { runId: done.id });
    assert.ok(!JSON.stringify(detail).includes(wrong), 'the password appears in the audit record');
  });
});

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
