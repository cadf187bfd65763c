import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { getEventListeners } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BackupEvidence, RemoteRun, RemoteTarget } from '../../preload/schemas/backups.ts';
import { judgeBackupAge } from '../../main/backups/backup-evidence.ts';
import Database from 'better-sqlite3';
import { startTestCore } from '../helpers/core-harness.ts';
import { waitFor } from '../helpers/loopback-servers.ts';
import { sshdForTestFile } from '../helpers/sshd.ts';
import { ok } from '../alerts/alert-harness.ts';

const run = promisify(execFile);
const files = sshdForTestFile('photon-remote-backup-');
const { tmp } = files;

async function makeSqliteFile(name: string, rows: number): Promise<string> {
  const file = path.join(tmp.dir, name);
  await run('sqlite3', ['-batch', file, `CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) INSERT INTO t (v) SELECT hex(randomblob(200)) FROM n;`]);
  return file;
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const connection = () => ({ host: files.sshd.host, port: files.sshd.port, user: files.sshd.user, hostKey: files.sshd.hostKeyFingerprint, privateKeyPath: files.sshd.clientKeyPath });

test('a remote SQLite file pulled over SSH arrives whole, with the SHA-256 and size recorded', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  // A name with a space and a quote: the remote command must quote it.
  const remote = await makeSqliteFile("app data's.db", 3000);
  const progress: Array<Array<{ targetId: number | null; unit: string; done: number }>> = [];
  core.events.onAny((name, payload) => {
    if (name === 'backupProgress') progress.push((payload as { running: Array<{ targetId: number | null; unit: string; done: number }> }).running);
  });
  const target = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'app db', ...connection(), source: { kind: 'file', path: remote } }));
  assert.equal(target.evidence.status, 'UNKNOWN');
  assert.equal(target.evidence.detail, 'no backup has run yet');

  const pulled = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: target.id }));
  assert.equal(pulled.status, 'ok', pulled.error ?? '');
  assert.equal(pulled.sha256, sha256(remote));
  assert.equal(pulled.sizeBytes, fs.statSync(remote).size);
  assert.equal(sha256(pulled.file!), sha256(remote), 'the local copy matches byte for byte');
  assert.equal(path.dirname(pulled.file!), path.join(core.dataDir, 'remote-backups', 'app-db'));
  assert.match(path.basename(pulled.file!), /^app-db-.*\.db$/);
  assert.ok(progress.some((running) => running.some((r) => r.targetId === target.id && r.unit === 'bytes')), 'the transfer was announced while it ran');
  await waitFor('the end of the transfer to be announced', () => progress.at(-1)?.length === 0);

  // Retention: keep 1 daily and 0 weekly → a second pull on the same day replaces the first file.
  const edited = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { id: target.id, name: 'app db', ...connection(), source: { kind: 'file', path: remote }, keepDaily: 1, keepWeekly: 0 }));
  assert.equal(edited.keepDaily, 1);
  const second = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: target.id }));
  assert.equal(second.status, 'ok');
  assert.deepEqual(fs.readdirSync(path.dirname(pulled.file!)), [path.basename(second.file!)], 'exactly the older file was removed');

  const evidence = await ok<BackupEvidence[]>(core.dispatch('getBackupEvidence', {}));
  const mine = evidence.find((e) => e.targetId === target.id)!;
  assert.equal(mine.status, 'UP');
  assert.equal(mine.lastGoodAt, second.startedAt);
  assert.match(mine.source, /remote_backups/);
});

test("a command's output is pulled the same way; a failing command or a wrong host key is recorded, never a file", async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const remote = await makeSqliteFile('dumped.db', 200);
  const dump = await ok<RemoteTarget>(
    core.dispatch('saveRemoteBackupTarget', { name: 'sql dump', ...connection(), source: { kind: 'command', command: `sqlite3 ${remote} .dump`, fileExtension: 'sql' } }),
  );
  const pulled = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: dump.id }));
  assert.equal(pulled.status, 'ok', pulled.error ?? '');
  const text = fs.readFileSync(pulled.file!, 'utf8');
  assert.match(text, /^PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t/);
  assert.equal(pulled.sha256, createHash('sha256').update(text).digest('hex'));

  const failing = await ok<RemoteTarget>(
    core.dispatch('saveRemoteBackupTarget', { name: 'broken', ...connection(), source: { kind: 'command', command: 'echo partial; echo "pg_dump: connection refused" >&2; exit 3' } }),
  );
  const failed = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: failing.id }));
  assert.equal(failed.status, 'failed');
  assert.equal(failed.file, null);
  assert.match(failed.error!, /the backup command failed on 127\.0\.0\.1: pg_dump: connection refused/);
  assert.deepEqual(fs.readdirSync(path.join(core.dataDir, 'remote-backups', 'broken')), [], 'no partial file left');

  const impostor = await ok<RemoteTarget>(
    core.dispatch('saveRemoteBackupTarget', { name: 'impostor', ...connection(), hostKey: files.sshd.rsaHostKeyFingerprint, source: { kind: 'file', path: remote } }),
  );
  const refused = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: impostor.id }));
  assert.equal(refused.status, 'failed');
  assert.match(refused.error!, /host key/i);

  const missing = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'missing', ...connection(), source: { kind: 'file', path: '/nonexistent/app.db' } }));
  const gone = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: missing.id }));
  assert.match(gone.error!, /cannot read \/nonexistent\/app\.db on 127\.0\.0\.1: .*No such file or directory/);

  const evidence = await ok<BackupEvidence[]>(core.dispatch('getBackupEvidence', {}));
  const broken = evidence.find((e) => e.subject.startsWith('broken'))!;
  assert.equal(broken.status, 'DOWN');
  assert.match(broken.detail, /no backup has ever succeeded; the last attempt failed: the backup command failed/);
});

test('the backup check judges the last good backup age against its own thresholds', () => {
  const hour = 3_600_000;
  const base = { subject: 's', targetId: 1, warnAfterMs: 26 * hour, failAfterMs: 50 * hour, now: 1_000 * hour, source: 'test' };
  const judge = (lastGoodAgeHours: number | null, lastRun: { ok: boolean } | null = { ok: true }) =>
    judgeBackupAge({ ...base, lastGoodAt: lastGoodAgeHours === null ? null : base.now - lastGoodAgeHours * hour, lastRun: lastRun && { at: base.now, ok: lastRun.ok, error: lastRun.ok ? null : 'boom' } });
  assert.equal(judge(1).status, 'UP');
  assert.equal(judge(25.9).status, 'UP');
  assert.equal(judge(26).status, 'DEGRADED');
  assert.equal(judge(50).status, 'DOWN');
  assert.equal(judge(null, null).status, 'UNKNOWN');
  assert.equal(judge(null, { ok: false }).status, 'DOWN');
  assert.match(judge(30, { ok: false }).detail, /last good backup 30 h ago, over the 26 h warning; the last attempt failed: boom/);
});

test('the scheduler starts a due pull beside its loop and records it; close() waits for a pull in flight', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const remote = await makeSqliteFile('scheduled.db', 500);
  const target = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'scheduled', ...connection(), source: { kind: 'file', path: remote }, everyHours: 24 }));
  await core.backups.runDue();
  await waitFor('the scheduled pull to be recorded', () => core.backups.status().remoteRuns.length === 1, 15_000);
  const run = core.backups.status().remoteRuns[0]!;
  assert.equal(run.targetId, target.id);
  assert.equal(run.status, 'ok', run.error ?? '');
  assert.equal(run.sha256, sha256(remote));
  await core.backups.runDue();
  assert.equal(core.backups.status().running.length, 0, 'not due again within 24 h: nothing started');

  // A pull started and the core closed at once: the transfer is cancelled and recorded, not cut off mid-write.
  const busy = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'slow', ...connection(), source: { kind: 'command', command: 'sleep 30; echo late' } }));
  await core.backups.runDue();
  assert.equal(core.backups.status().running.some((r) => r.targetId === busy.id), true);
  await core.close();
  const db = new Database(path.join(core.dataDir, 'photon.db'), { readonly: true });
  const recorded = db.prepare('SELECT status, error FROM remote_backups WHERE target_id = ?').get(busy.id) as { status: string; error: string };
  db.close();
  assert.equal(recorded.status, 'failed');
  assert.match(recorded.error, /cancel|abort/i);
});

test('an empty remote backup is a failed run: an empty file, or a command that wrote nothing', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const empty = path.join(tmp.dir, 'empty.dump');
  fs.writeFileSync(empty, '');
  const file = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'empty file', ...connection(), source: { kind: 'file', path: empty } }));
  const fromFile = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: file.id }));
  assert.equal(fromFile.status, 'failed');
  assert.equal(fromFile.file, null);
  assert.match(fromFile.error!, /the remote file is empty/);

  const silent = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'silent', ...connection(), source: { kind: 'command', command: 'true' } }));
  const fromCommand = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: silent.id }));
  assert.equal(fromCommand.status, 'failed');
  assert.match(fromCommand.error!, /the command wrote nothing to standard output/);
  for (const name of ['empty-file', 'silent']) assert.deepEqual(fs.readdirSync(path.join(core.dataDir, 'remote-backups', name)), [], 'no file kept');

  const evidence = await ok<BackupEvidence[]>(core.dispatch('getBackupEvidence', {}));
  assert.equal(evidence.find((e) => e.targetId === silent.id)!.status, 'DOWN');
});

test('a local folder that cannot take the file is a failed run naming the file; the core keeps running', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const remote = await makeSqliteFile('unwritable.db', 50);
  // Tests run as root, so permissions cannot refuse a write. /proc exists (mkdir succeeds) but no
  // file can be created in it: the write stream itself fails, as on a read-only mount.
  const target = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'nowhere', ...connection(), source: { kind: 'file', path: remote }, localFolder: '/proc' }));
  const failed = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: target.id }));
  assert.equal(failed.status, 'failed');
  assert.equal(failed.file, null);
  assert.match(failed.error!, /cannot write the local copy \/proc\/nowhere-.*\.db\.partial: ENOENT/);

  // A folder under a regular file cannot even be created: also a failed run, not a crash.
  const blocker = path.join(tmp.dir, 'a-regular-file');
  fs.writeFileSync(blocker, 'x');
  const under = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'under a file', ...connection(), source: { kind: 'file', path: remote }, localFolder: path.join(blocker, 'sub') }));
  const refused = await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: under.id }));
  assert.equal(refused.status, 'failed');
  assert.match(refused.error!, /ENOTDIR/);

  // Still alive: the same core pulls into its default folder.
  const good = await ok<RemoteTarget>(core.dispatch('saveRemoteBackupTarget', { name: 'fine', ...connection(), source: { kind: 'file', path: remote } }));
  assert.equal((await ok<RemoteRun>(core.dispatch('runRemoteBackupNow', { id: good.id }))).status, 'ok');
});

test('pulls remove their abort listener from the long-lived signal when they finish', async () => {
  const { pullOverSsh } = await import('../../main/backups/pull-over-ssh.ts');
  const remote = await makeSqliteFile('listeners.db', 20);
  const controller = new AbortController();
  for (let i = 0; i < 3; i++) {
    await pullOverSsh({ name: 'l', ...connection(), useAgent: false, source: { kind: 'file', path: remote } } as never, path.join(tmp.dir, `listeners-${i}.db`), { signal: controller.signal });
  }
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
});
