import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call, callError } from '../helpers/recovery-harness.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

describe('host-key trust against a real sshd', () => {
  let sshd: TestSshd;
  let core: ReturnType<typeof startTestCore>;
  let hostId: number;
  const temp = makeTempDir('photon-trust-');

  before(async () => {
    sshd = await startSshd();
    // An empty known_hosts: the pin decides, never the operator's real ~/.ssh.
    const knownHostsFile = path.join(temp.dir, 'known_hosts');
    fs.writeFileSync(knownHostsFile, '');
    core = startTestCore(undefined, { secrets: new MemorySecretStore(), knownHostsFile, recoveryPollMs: 100 });
    const host = await call(core, 'saveHost', { name: 'prod-vm', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.clientKeyPath });
    hostId = host.id;
  });
  after(async () => {
    await core.dispose();
    await sshd.stop();
    temp.cleanup();
  });

  test('an unpinned host shows the OpenSSH fingerprint and refuses to run anything until it is pinned', async () => {
    const check = await call(core, 'checkHostKey', { hostId });
    assert.equal(check.decision, 'unknown');
    assert.equal(check.offered.fingerprint, sshd.hostKeyFingerprint);
    assert.match(check.message, /The authenticity of host '127\.0\.0\.1:\d+' can't be established\.\nED25519 key fingerprint is SHA256:/);

    const refused = await callError(core, 'startRunbook', { hostId, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
    assert.equal(refused.code, 'CONFLICT');
    assert.match(refused.message, /the host key of prod-vm is not pinned yet: .*confirm its fingerprint first; nothing was run/);
    assert.deepEqual(await call(core, 'listRuns', {}), [], 'nothing ran, nothing to audit');
  });

  test('pinning needs the offered fingerprint typed exactly', async () => {
    const wrong = await callError(core, 'pinHostKey', { hostId, fingerprint: sshd.rsaHostKeyFingerprint });
    assert.equal(wrong.code, 'INVALID_INPUT');
    assert.equal(wrong.field, 'fingerprint');
    assert.match(wrong.message, /must be exactly the new fingerprint/);
    assert.equal((await call(core, 'listHosts', {}))[0]!.pin, null, 'nothing pinned after a wrong confirmation');

    const pinned = await call(core, 'pinHostKey', { hostId, fingerprint: sshd.hostKeyFingerprint });
    assert.equal(pinned.pin?.fingerprint, sshd.hostKeyFingerprint);
    assert.equal((await call(core, 'checkHostKey', { hostId })).decision, 'trusted');

    const run = await call(core, 'startRunbook', { hostId, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
    assert.equal((await core.recovery.finished(run.id)).status, 'succeeded');
  });

  test('ssh monitors without a pin of their own use the same trust store', async () => {
    const monitor = await call(core, 'saveMonitor', {
      name: 'prod ssh',
      target: { kind: 'ssh', host: sshd.host, port: sshd.port, user: 'root', privateKeyPath: sshd.clientKeyPath },
      failureThreshold: 1,
      successThreshold: 1,
      role: 'vm',
    });
    await core.monitoring.runNow(monitor.id);
    const up = await call(core, 'getMonitor', { id: monitor.id });
    assert.equal(up.summary.status, 'UP', up.summary.reason);
    assert.equal((await call(core, 'listHosts', {}))[0]!.state.status, 'UP');

    await sshd.regenerateHostKey();
    await core.monitoring.runNow(monitor.id);
    const down = await call(core, 'getMonitor', { id: monitor.id });
    assert.equal(down.summary.status, 'DOWN');
    assert.match(down.summary.reason, /changed/i);
    assert.equal(down.lastEvidence?.evidence.hostKey, 'mismatch');
    await call(core, 'removeMonitor', { id: monitor.id });
  });

  test('a changed key is refused with both fingerprints and the way to re-pin; a deliberate re-pin works', async () => {
    const check = await call(core, 'checkHostKey', { hostId });
    assert.equal(check.decision, 'mismatch');
    const pinnedBefore = check.pinned!;
    assert.notEqual(pinnedBefore, sshd.hostKeyFingerprint);
    assert.ok(check.message.includes(pinnedBefore) && check.message.includes(sshd.hostKeyFingerprint), check.message);
    assert.match(check.howToRepin ?? '', /re-pin by typing that fingerprint exactly/);

    const run = await call(core, 'startRunbook', { hostId, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
    const refused = await core.recovery.finished(run.id);
    assert.equal(refused.status, 'failed');
    assert.ok((refused.error ?? '').includes(pinnedBefore) && (refused.error ?? '').includes(sshd.hostKeyFingerprint), refused.error ?? '');

    const typedOld = await callError(core, 'pinHostKey', { hostId, fingerprint: pinnedBefore });
    assert.match(typedOld.message, /that is the old, pinned fingerprint/);

    const repinned = await call(core, 'pinHostKey', { hostId, fingerprint: sshd.hostKeyFingerprint });
    assert.equal(repinned.pin?.fingerprint, sshd.hostKeyFingerprint);
    const again = await call(core, 'startRunbook', { hostId, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
    assert.equal((await core.recovery.finished(again.id)).status, 'succeeded');
  });

  test('changing a host’s address drops its pin: the key belonged to the old endpoint', async () => {
    const h = (await call(core, 'listHosts', {}))[0]!;
    const moved = await call(core, 'saveHost', { id: h.id, name: h.name, address: 'localhost', port: h.port, user: h.user, auth: h.auth, keyPath: h.keyPath });
    assert.equal(moved.pin, null);
  });
});
