import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupStatus, DbBackup } from '../../preload/schemas/backups.ts';
import { BackupService } from '../../main/backups/backup-service.ts';
import { restoreDatabaseFile } from '../../main/backups/restore-database.ts';
import { stageRestore } from '../../main/backups/pending-restore.ts';
import { takeDatabaseBackup } from '../../main/backups/take-database-backup.ts';
import { BackupInvalidError, verifyDatabaseFile } from '../../main/backups/verify-database-file.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { LoopRegistry } from '../../main/loops/loop-registry.ts';
import { DATABASE_FILE, openDatabase } from '../../main/store/open-database.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { ok } from '../alerts/alert-harness.ts';

/** Fills the store with enough pages that a backup takes many steps. */
function seed(db: Database.Database, projects: number): void {
  const insert = db.prepare("INSERT INTO projects VALUES (?, ?, NULL, ?, 'x', 'x')");
  const env = db.prepare('INSERT INTO project_environment VALUES (?, ?, NULL)');
  db.transaction(() => {
    for (let i = 0; i < projects; i++) {
      insert.run(`seed-${i}`, `Seed ${i}`, 'n'.repeat(2000));
      env.run(`seed-${i}`, '{}');
    }
  })();
}

test('a backup taken while writes run is one consistent snapshot, verified and checksummed', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  t.after(() => store.db.close());
  seed(store.db, 3000);

  // Each write adds a project AND its environment row in one transaction: a torn snapshot would
  // show one without the other.
  let writes = 0;
  let writing = true;
  const insert = store.db.prepare("INSERT INTO projects VALUES (?, ?, NULL, '', 'x', 'x')");
  const env = store.db.prepare('INSERT INTO project_environment VALUES (?, ?, NULL)');
  const pair = store.db.transaction((i: number) => {
    insert.run(`live-${i}`, `Live ${i}`);
    env.run(`live-${i}`, '{}');
  });
  const writer = (async () => {
    while (writing) {
      pair(writes++);
      await new Promise((r) => setImmediate(r));
    }
  })();
  let steps = 0;
  const result = await takeDatabaseBackup(store.db, path.join(temp.dir, 'backups'), { pagesPerStep: 5, onProgress: () => steps++ });
  writing = false;
  await writer;

  assert.ok(steps > 10, `the copy ran in many steps between writes (${steps})`);
  assert.ok(writes > 0, 'writes ran during the backup');
  assert.equal(result.verification.integrity, 'ok');
  const counts = result.verification.rowCounts;
  assert.equal(counts.projects, counts.project_environment, 'every project has its environment row: no torn transaction');
  assert.ok(counts.projects! >= 3000);
  assert.match(result.sha256, /^[0-9a-f]{64}$/);
  assert.equal(result.sizeBytes, fs.statSync(result.file).size);
  assert.match(path.basename(result.file), /^photon-\d{8}-\d{6}-\d{3}\.db$/);
  assert.deepEqual(fs.readdirSync(path.join(temp.dir, 'backups')), [path.basename(result.file)], 'no .partial left behind');
});

test('through the contract: runBackupNow records size, duration and verification; the loops are registered', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  assert.match(core.metrics(), /^photon_backup_status\{subject="Photon Console database",status="UNKNOWN"\} 1$/m, 'before any backup: UNKNOWN');
  assert.doesNotMatch(core.metrics(), /photon_backup_last_good_age_seconds\{/, 'and no made-up age');
  await ok(core.dispatch('addProject', { name: 'Alpha' }));
  const backup = await ok<DbBackup>(core.dispatch('runBackupNow', {}));
  assert.equal(backup.status, 'ok');
  assert.equal(backup.trigger, 'manual');
  assert.equal(backup.verification?.integrity, 'ok');
  assert.equal(backup.verification?.rowCounts.projects, 1);
  assert.ok(backup.sizeBytes! > 0 && backup.durationMs! >= 0);
  const status = await ok<BackupStatus>(core.dispatch('getBackupStatus', {}));
  assert.equal(status.backups[0]!.id, backup.id);
  assert.equal(status.evidence.status, 'UP');
  assert.match(status.evidence.detail, /last good backup \d+ (s|min) ago/);
  const metrics = core.metrics();
  assert.match(metrics, /^photon_backup_last_good_age_seconds\{subject="Photon Console database"\} \d+$/m);
  assert.match(metrics, /^photon_backup_status\{subject="Photon Console database",status="UP"\} 1$/m);
  const loops = core.loops.list().map((l) => l.name);
  for (const name of ['alert-dispatch', 'backup-scheduler', 'backup-retention']) assert.ok(loops.includes(name), name);
});

function corrupt(file: string): void {
  // Overwrite a page in the middle of the b-tree area: the header stays valid, integrity_check fails.
  const fd = fs.openSync(file, 'r+');
  const size = fs.fstatSync(fd).size;
  fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

test('restoring a corrupted backup is refused with a clear message and the live database is untouched', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  // A second connection, as any SQLite client may hold: enough rows that the file has many pages.
  const side = new Database(path.join(core.dataDir, DATABASE_FILE));
  seed(side, 400);
  side.close();
  const backup = await ok<DbBackup>(core.dispatch('runBackupNow', {}));
  corrupt(backup.file);

  const wrongName = await core.dispatch('restoreBackup', { id: backup.id, confirmName: 'photon.db' });
  assert.equal(!wrongName.ok && wrongName.error.field, 'confirmName');
  assert.match(!wrongName.ok ? wrongName.error.message : '', /type the backup's name "photon-.*\.db" exactly/);

  const live = path.join(core.dataDir, DATABASE_FILE);
  const before = fs.readFileSync(live);
  const refused = await core.dispatch('restoreBackup', { id: backup.id, confirmName: backup.name });
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.error.message : '', /restore refused, the live database was not touched\. .* is not a usable Photon Console backup: the integrity check failed/);
  assert.deepEqual(fs.readFileSync(live), before, 'live database byte-identical');
  assert.equal(fs.existsSync(path.join(core.dataDir, 'restore-pending.db')), false, 'nothing staged');

  // The offline path (CLI) refuses it the same way.
  await core.close();
  const closed = fs.readFileSync(live);
  assert.throws(() => restoreDatabaseFile(core.dataDir, live), /is not a usable Photon Console backup: it is the live database itself/);
  assert.throws(() => restoreDatabaseFile(core.dataDir, backup.file), (err: unknown) => err instanceof BackupInvalidError && /integrity check failed/.test((err as Error).message));
  assert.deepEqual(fs.readFileSync(live), closed);
  const notSqlite = path.join(core.dataDir, 'notes.txt');
  fs.writeFileSync(notSqlite, 'x'.repeat(4096));
  assert.throws(() => restoreDatabaseFile(core.dataDir, notSqlite), /is not a usable Photon Console backup: it is not an SQLite database \(wrong file header\)/);
  const foreign = path.join(core.dataDir, 'foreign.db');
  const f = new Database(foreign);
  f.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
  f.close();
  assert.throws(() => restoreDatabaseFile(core.dataDir, foreign), /it is not a Photon Console database \(no projects, monitors, incidents table\)/);
  assert.deepEqual(fs.readFileSync(live), closed);
  assert.deepEqual(fs.readdirSync(core.dataDir).filter((f) => f.includes('restore')), [], 'no restore leftovers');
});

test('a restore staged from the UI is applied at the next start; the previous database is kept aside', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const first = startTestCore(temp.dir);
  await ok(first.dispatch('addProject', { name: 'Before backup' }));
  const backup = await ok<DbBackup>(first.dispatch('runBackupNow', {}));
  await ok(first.dispatch('addProject', { name: 'After backup' }));
  const staged = await ok<{ message: string }>(first.dispatch('restoreBackup', { id: backup.id, confirmName: backup.name }));
  assert.match(staged.message, /Restart Photon Console to finish the restore/);
  assert.equal((await ok<BackupStatus>(first.dispatch('getBackupStatus', {}))).pendingRestore, true);
  // Still the live data until the restart.
  assert.equal((await ok<unknown[]>(first.dispatch('listProjects', {}))).length, 2);
  await first.close();

  const second = startTestCore(temp.dir);
  t.after(() => second.close());
  assert.match(second.notices.join('\n'), /The database was restored from a backup at startup\. The database that was live before is kept at .*photon\.db\.before-restore-/);
  const names = (await ok<Array<{ name: string }>>(second.dispatch('listProjects', {}))).map((p) => p.name);
  assert.deepEqual(names, ['Before backup']);
  const aside = fs.readdirSync(temp.dir).find((f) => f.startsWith('photon.db.before-restore-'))!;
  const old = new Database(path.join(temp.dir, aside), { readonly: true });
  assert.equal((old.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n, 2, 'the previous database, WAL folded in, is intact');
  old.close();
  assert.equal(fs.existsSync(path.join(temp.dir, 'restore-pending.db')), false);
});

test('retention removes exactly the files the policy does not keep, and records it', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  t.after(() => store.db.close());
  let now = Date.parse('2026-11-01T02:00:00Z');
  const service = new BackupService({ db: store.db, dataDir: temp.dir, events: new EventBus(), loops: new LoopRegistry(), logger: silentLogger, now: () => now });
  store.db.prepare('UPDATE backup_config SET keep_daily = 3, keep_weekly = 2 WHERE id = 1').run();
  const taken: DbBackup[] = [];
  // Ten days, one backup a day, plus a second backup on the last day.
  for (let day = 0; day < 10; day++, now += 86_400_000) taken.push(await service.backupDatabase('schedule'));
  now -= 86_400_000 - 3_600_000;
  taken.push(await service.backupDatabase('manual'));

  const onDisk = fs.readdirSync(service.folder).sort();
  // Kept: daily → Nov 10 (newest of the day: the 03:00 one), Nov 9, Nov 8; weekly → the two newest
  // ISO weeks, W46 (Nov 10 03:00) and W45 (Sunday Nov 8), both already kept. Nov 1 (W44) is a third
  // week and goes, as do Nov 2–7 and the Nov 10 02:00 backup.
  const expected = [taken[7]!, taken[8]!, taken[10]!].map((b) => b.name).sort();
  assert.deepEqual(onDisk, expected);
  const status = service.status();
  const removed = status.backups.filter((b) => b.removedAt !== null).map((b) => b.id).sort((a, b) => a - b);
  assert.deepEqual(removed, [1, 2, 3, 4, 5, 6, 7, 10]);
  for (const b of status.backups.filter((x) => x.removedAt === null)) assert.equal(verifyDatabaseFile(b.file).integrity, 'ok');
});

test('the scheduler takes a backup when one is due, not again before the interval, and retries a failure after 15 min', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  t.after(() => store.db.close());
  let now = Date.parse('2026-11-26T02:00:00Z');
  const service = new BackupService({ db: store.db, dataDir: temp.dir, events: new EventBus(), loops: new LoopRegistry(), logger: silentLogger, now: () => now });
  store.db.prepare('UPDATE backup_config SET every_hours = 6 WHERE id = 1').run();
  await service.runDue();
  assert.equal(service.status().backups.length, 1, 'none yet: due at once');
  now += 5 * 3_600_000;
  await service.runDue();
  assert.equal(service.status().backups.length, 1, 'five hours later: not due');
  now += 3_600_000;
  // The backups folder cannot be written now: the attempt fails and is recorded as failed.
  fs.writeFileSync(path.join(temp.dir, 'backups-blocker'), '');
  fs.rmSync(service.folder, { recursive: true, force: true });
  fs.symlinkSync(path.join(temp.dir, 'backups-blocker'), service.folder);
  await service.runDue();
  const failed = service.status().backups[0]!;
  assert.equal(failed.status, 'failed');
  assert.match(failed.error!, /EEXIST|ENOTDIR|not a directory/i);
  assert.equal(service.status().evidence.status, 'UP', 'the last good backup is still younger than 1.5 intervals');
  assert.match(service.status().evidence.detail, /the last attempt failed/);
  now += 10 * 60_000;
  await service.runDue();
  assert.equal(service.status().backups.length, 2, 'no retry within 15 min of a failure');
  fs.rmSync(service.folder);
  now += 5 * 60_000;
  await service.runDue();
  assert.equal(service.status().backups[0]!.status, 'ok', 'retried 15 min after the failure');
  store.db.prepare('UPDATE backup_config SET enabled = 0 WHERE id = 1').run();
  now += 10 * 3_600_000;
  await service.runDue();
  assert.equal(service.status().backups.length, 3, 'a disabled schedule takes nothing');
  assert.equal(service.status().evidence.status, 'DEGRADED', 'but the age still counts: 10 h is over 1.5 × 6 h');
  now += 8 * 3_600_000;
  assert.equal(service.status().evidence.status, 'DOWN', '18 h is 3 × 6 h');
});

/** A copy of a Photon database whose last rows live only in its -wal, as a copy of a running database is. */
function fileWithRowsInWal(dir: string): { file: string; inWal: number } {
  const src = makeTempDir();
  try {
    const store = openDatabase(src.dir);
    seed(store.db, 20);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.db.pragma('wal_autocheckpoint = 0');
    const insert = store.db.prepare("INSERT INTO projects VALUES (?, ?, NULL, '', 'x', 'x')");
    store.db.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run(`wal-${i}`, `In the WAL ${i}`);
    })();
    const file = path.join(dir, 'copied-while-running.db');
    // Copied while the connection is open: the 50 rows are only in photon.db-wal.
    fs.copyFileSync(path.join(src.dir, DATABASE_FILE), file);
    fs.copyFileSync(path.join(src.dir, `${DATABASE_FILE}-wal`), `${file}-wal`);
    store.db.close();
    return { file, inWal: 50 };
  } finally {
    src.cleanup();
  }
}

test('a backup whose -wal holds rows is restored with those rows, and the reported counts are of what was restored', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  openDatabase(temp.dir).db.close();
  const { file, inWal } = fileWithRowsInWal(temp.dir);
  assert.ok(fs.statSync(`${file}-wal`).size > 0, 'the rows are in the -wal');

  const { verification } = restoreDatabaseFile(temp.dir, file);
  const restored = new Database(path.join(temp.dir, DATABASE_FILE), { readonly: true });
  const walRows = (restored.prepare("SELECT COUNT(*) AS n FROM projects WHERE id LIKE 'wal-%'").get() as { n: number }).n;
  const all = (restored.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n;
  restored.close();
  assert.equal(walRows, inWal, 'the rows from the -wal were restored');
  assert.equal(verification.rowCounts.projects, all);
  assert.deepEqual(fs.readdirSync(temp.dir).filter((f) => f.includes('restore-tmp')), [], 'no temp leftovers');

  // The UI path (stage, then apply at start) keeps them too.
  const again = fileWithRowsInWal(temp.dir);
  fs.rmSync(path.join(temp.dir, DATABASE_FILE));
  openDatabase(temp.dir).db.close();
  stageRestore(temp.dir, again.file);
  const core = startTestCore(temp.dir);
  t.after(() => core.close());
  const names = (await ok<Array<{ name: string }>>(core.dispatch('listProjects', {}))).map((p) => p.name);
  assert.equal(names.filter((n) => n.startsWith('In the WAL')).length, inWal, 'staged and applied with the -wal rows');
});
