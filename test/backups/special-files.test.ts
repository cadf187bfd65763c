// A backup is a file a person points at: a FIFO in its place, or beside it as its -wal, is refused
// with the reason before SQLite or a copy can block on it; the live database is left untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BackupInvalidError, restoreDatabaseFile } from '../../main/backups/index.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

test('restoreBackup: a backup file replaced by a FIFO is refused, naming it, while the core keeps answering', async (t) => {
  const core = startTestCore();
  t.after(() => core.dispose());
  const backup = await core.dispatch('runBackupNow', {});
  assert.ok(backup.ok, JSON.stringify(backup));
  const { id, name, file } = backup.value as { id: number; name: string; file: string };
  fs.rmSync(file);
  makeFifo(file);
  t.after(unblockFifoLater(file));
  const [res, other] = await Promise.all([core.dispatch('restoreBackup', { id, confirmName: name }), core.dispatch('listProjects', {})]);
  assert.ok(other.ok);
  assert.ok(!res.ok, JSON.stringify(res));
  assert.equal(res.error.code, 'INVALID_INPUT');
  assert.ok(res.error.message.includes(file), res.error.message);
  assert.match(res.error.message, /not a regular file \(it is a FIFO \(named pipe\)\)/);
});

test('a restore whose -wal is a FIFO is refused before SQLite opens it; the live database is not touched', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const core = startTestCore(temp.dir);
  await core.dispatch('addProject', { name: 'Live' });
  const backup = await core.dispatch('runBackupNow', {});
  assert.ok(backup.ok);
  await core.close();
  const source = path.join(temp.dir, 'copy.db');
  fs.copyFileSync((backup.value as { file: string }).file, source);
  // WAL mode is recorded in the header: SQLite will look for copy.db-wal when it opens the file.
  const db = new Database(source);
  db.pragma('journal_mode = WAL');
  db.close();
  makeFifo(`${source}-wal`);
  t.after(unblockFifoLater(`${source}-wal`));
  const live = fs.readFileSync(path.join(temp.dir, 'photon.db'));

  assert.throws(
    () => restoreDatabaseFile(temp.dir, source),
    (e: unknown) => e instanceof BackupInvalidError && e.message.includes(`${source}-wal beside it is not a regular file`),
  );
  assert.deepEqual(fs.readFileSync(path.join(temp.dir, 'photon.db')), live, 'the live database is unchanged');
});
