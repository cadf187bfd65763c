import fs from 'node:fs';
import path from 'node:path';
import { removeIfExists, renameDurably } from './durable-file.ts';
import { copyDatabaseDurably, restoreDatabaseFile, RESTORE_TEMP_FILE } from './restore-database.ts';
import { BackupInvalidError, verifyDatabaseFile } from './verify-database-file.ts';

/** A validated backup waiting for the next start; its presence is the whole "pending" state. */
export const PENDING_RESTORE_FILE = 'restore-pending.db';

/**
 * A restore asked for while the core runs (from the UI): the backup is validated and a durable copy
 * staged in the data dir. The live database is not touched until the next start, when nothing has
 * it open (applyPendingRestore).
 */
export function stageRestore(dataDir: string, source: string, nativeBinding?: string): void {
  verifyDatabaseFile(source, nativeBinding);
  const staged = path.join(dataDir, PENDING_RESTORE_FILE);
  const partial = `${staged}.partial`;
  try {
    // Through SQLite, -wal included: what was checked is what is staged.
    copyDatabaseDurably(source, partial, undefined, nativeBinding);
    verifyDatabaseFile(partial, nativeBinding);
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) removeIfExists(f);
    throw err;
  }
  renameDurably(partial, staged);
}

export function pendingRestoreExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, PENDING_RESTORE_FILE));
}

export function cancelPendingRestore(dataDir: string): boolean {
  const staged = path.join(dataDir, PENDING_RESTORE_FILE);
  const had = fs.existsSync(staged);
  removeIfExists(staged);
  return had;
}

/**
 * Called at startup with the data-dir lock held and before the store opens. Returns notices for the
 * operator. Also removes the leftovers of a restore that was killed (they are never the live file).
 */
export function applyPendingRestore(dataDir: string, nativeBinding?: string): string[] {
  for (const leftover of [RESTORE_TEMP_FILE, `${PENDING_RESTORE_FILE}.partial`]) {
    for (const suffix of ['', '-wal', '-shm']) removeIfExists(path.join(dataDir, leftover + suffix));
  }
  const staged = path.join(dataDir, PENDING_RESTORE_FILE);
  if (!fs.existsSync(staged)) return [];
  try {
    const { previous } = restoreDatabaseFile(dataDir, staged, nativeBinding ? { nativeBinding } : {});
    removeIfExists(staged);
    return [`The database was restored from a backup at startup. The database that was live before is kept at ${previous ?? '(there was none)'}.`];
  } catch (err) {
    const rejected = `${staged}.rejected-${Date.now()}`;
    fs.renameSync(staged, rejected);
    const why = err instanceof BackupInvalidError ? err.message : `the restore failed (${(err as Error).message})`;
    return [`A staged restore was NOT applied: ${why}. The current database is unchanged; the staged file was moved to ${rejected}.`];
  }
}
