/**
 * "Backups are recent" in the readiness scorecard comes from the remote backups the console pulled:
 * unknown with none configured, pass when every target is within its age limits, fail when one is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import type { RemoteRun, RemoteTarget } from '../../preload/schemas/backups.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call } from '../helpers/recovery-harness.ts';
import { sshdForTestFile } from '../helpers/sshd.ts';
import { ok } from '../alerts/alert-harness.ts';

const files = sshdForTestFile('photon-backup-scorecard-');
const { tmp } = files;

test('the scorecard’s backup check follows the remote backups: unknown, then pass, then fail', async (t) => {
  const core = startTestCore(undefined, { secrets: new MemorySecretStore() });
  t.after(() => core.dispose());
  const repo = path.join(tmp.dir, 'repo');
  fs.mkdirSync(repo);
  fs.writeFileSync(path.join(repo, 'package.json'), '{"name":"shop"}\n');
  const remoteFile = path.join(tmp.dir, 'app.db');
  fs.writeFileSync(remoteFile, 'not really a database, but bytes to pull');
  const project = await call(core, 'addProject', { name: 'shop', repoPath: repo });
  const backupCheck = async () => {
    const assessed = await call(core, 'assessProject', { projectId: project.id });
    return assessed.report.checks.find((c) => c.id === 'infra.backups-fresh')!;
  };

  const none = await backupCheck();
  assert.equal(none.status, 'unknown');
  assert.equal(none.reason, 'no remote backup target is configured (Backups view)');

  const connection = { host: files.sshd.host, port: files.sshd.port, user: files.sshd.user, hostKey: files.sshd.hostKeyFingerprint, privateKeyPath: files.sshd.clientKeyPath };
  const target = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'app db', ...connection, source: { kind: 'file', path: remoteFile } }));
  assert.equal((await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: target.id }))).status, 'ok');
  const fresh = await backupCheck();
  assert.equal(fresh.status, 'pass', fresh.reason);
  assert.equal(fresh.evidence[0]?.kind, 'probe');
  assert.match(fresh.evidence[0]!.kind === 'probe' ? fresh.evidence[0]!.note : '', /^UP: last good backup/);

  const broken = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'orders dump', ...connection, source: { kind: 'command', command: 'exit 3' } }));
  assert.equal((await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: broken.id }))).status, 'failed');
  const failing = await backupCheck();
  assert.equal(failing.status, 'fail');
  assert.match(failing.reason, /orders dump .*no backup has ever succeeded/);
});
