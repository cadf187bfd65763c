import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call } from '../helpers/recovery-harness.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

// The real artifact: bin/photon.mjs → out/main/cli.mjs (built by `npm test` first).
const BIN = path.resolve('bin/photon.mjs');

describe('photon run', () => {
  let sshd: TestSshd;
  const temp = makeTempDir('photon-run-');
  const dataDir = path.join(temp.dir, 'data');
  const photon = (...args: string[]) => spawnSync(process.execPath, [BIN, 'run', ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

  /** Opens the data directory in this process for setup or inspection; the CLI needs it closed again. */
  async function withCore<T>(fn: (core: ReturnType<typeof startTestCore>) => Promise<T>): Promise<T> {
    const core = startTestCore(dataDir, { secrets: new MemorySecretStore() });
    try {
      return await fn(core);
    } finally {
      await core.close();
    }
  }

  before(async () => {
    sshd = await startSshd();
    await withCore(async (core) => {
      const h = await call(core, 'saveHost', { name: 'vm1', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.clientKeyPath });
      await call(core, 'pinHostKey', { hostId: h.id, fingerprint: sshd.hostKeyFingerprint });
      await call(core, 'saveRunbook', { hostId: h.id, name: 'echo', readOnly: true, params: [{ type: 'string', name: 'text' }], steps: [{ remote: ['printf', '%s\\n', '{{text}}'] }] });
      await call(core, 'saveRunbook', { hostId: h.id, name: 'sleepy', readOnly: true, steps: [{ remote: ['sleep', '120'] }] });
    });
  });
  after(async () => {
    await sshd.stop();
    temp.cleanup();
  });

  test('previews, runs with --yes, streams the output and leaves an audit record marked cli', async () => {
    const r = photon('vm1', 'diagnose', '--yes');
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /Diagnose on vm1 \(read-only, at most 120 s\) will run:\n {2}1\. \[remote\] 'uptime'\n/);
    assert.match(r.stdout, /load average/);
    assert.match(r.stdout, /run #\d+ succeeded in [\d.]+ s · exit 0\nrecovered: not verified \(no monitor watches 127\.0\.0\.1/);
    assert.match(r.stdout, /audit: \d+ bytes of output, sha256 [0-9a-f]{64}/);
    const runs = await withCore(async (core) => call(core, 'listRuns', { trigger: 'cli' }));
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.runbook, 'Diagnose');
  });

  test('a --param value with shell syntax comes back literally', () => {
    const value = `$(id); rm -rf / \`whoami\` 'q' "d"`;
    const r = photon('vm1', 'echo', '--param', `text=${value}`, '--yes');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(`\n${value}\n`), r.stdout);
  });

  test('lists a host’s runbooks when none is named', () => {
    const r = photon('vm1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /diagnose\s+Diagnose \[read-only\]/);
    assert.match(r.stdout, /reboot\s+Reboot host \[disruptive\]/);
  });

  for (const [args, message] of [
    [['nope', 'diagnose', '--yes'], /No host named "nope"; known hosts: vm1/],
    [['vm1', 'format-disk', '--yes'], /no runbook "format-disk" for vm1; it has: diagnose, restart-service/],
    [['vm1', 'diagnose'], /no terminal to confirm on; pass --yes to run without a prompt/],
    [['vm1', 'reboot', '--yes'], /type the host name "vm1" to confirm Reboot host on vm1; nothing was run/],
    [['vm1', 'echo', '--param', 'text'], /--param "text" must look like name=value/],
    [['vm1', 'echo', '--param', 'colour=red', '--yes'], /unknown parameter "colour"; this runbook takes text/],
    [['vm1', 'diagnose', '--yes', '--confirm', 'yes'], /give --yes or --confirm, not both/],
    [['vm1', 'diagnose', 'now'], /unexpected argument "now"/],
  ] as const) {
    test(`photon run ${args.join(' ')} → exit 2, nothing run`, async () => {
      const before = await withCore(async (core) => (await call(core, 'listRuns', {})).length);
      const r = photon(...args);
      assert.equal(r.status, 2, r.stderr + r.stdout);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(await withCore(async (core) => (await call(core, 'listRuns', {})).length), before);
    });
  }

  test('Ctrl+C cancels the run on the host, exit 1, and the audit record says cancelled', async () => {
    const child = spawn(process.execPath, [BIN, 'run', 'vm1', 'sleepy', '--yes', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = Date.now() + 20_000;
    while (!stderr.includes("$ 'sleep' '120'") && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    assert.equal(await exited, 1, stderr);
    assert.match(stderr, /cancelling…/);
    const [last] = await withCore(async (core) => call(core, 'listRuns', { limit: 1 }));
    assert.equal(last!.status, 'cancelled');
    assert.equal(fs.existsSync(dataDir), true);
  });
});
