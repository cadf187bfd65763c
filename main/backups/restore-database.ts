import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FileReadError } from '../core/read-file-safely.ts';
import { DATABASE_FILE } from '../store/open-database.ts';
import { copyDurably, fsyncDir, fsyncFile, removeIfExists, renameDurably } from './durable-file.ts';
import { singleFile } from './take-database-backup.ts';
import { BackupInvalidError, verifyDatabaseFile, type Verification } from './verify-database-file.ts';

export const RESTORE_PHASES = ['validating', 'copying', 'verifying-copy', 'setting-aside', 'swapping', 'done'] as const;
export type RestorePhase = (typeof RESTORE_PHASES)[number];

/** Where a restore writes before the swap; a leftover one is from a restore that was killed. */
export const RESTORE_TEMP_FILE = `${DATABASE_FILE}.restore-tmp`;

export interface RestoreOutcome {
  /** The database that was live before, kept beside it; null when there was none. */
  previous: string | null;
  verification: Verification;
}

export interface RestoreOptions {
  now?: Date;
  nativeBinding?: string;
  onPhase?: (phase: RestorePhase) => void;
  onBytes?: (copied: number, total: number) => void;
}

/**
 * Replaces the database of a data directory with a backup. The caller must hold the data-dir lock
 * with no connection open (the CLI, or startup before the store opens).
 *
 * Crash safety: photon.db is only ever replaced by one rename(2) of a complete, fsynced and
 * re-verified copy, so a process killed at any instant leaves either the previous database or the
 * restored one — never a mix. Before the swap the live database is checkpointed into a single file
 * (a WAL left beside a different database would be replayed onto it) and hard-linked aside.
 */
export function restoreDatabaseFile(dataDir: string, source: string, options: RestoreOptions = {}): RestoreOutcome {
  const phase = options.onPhase ?? (() => {});
  const live = path.join(dataDir, DATABASE_FILE);
  const temp = path.join(dataDir, RESTORE_TEMP_FILE);

  phase('validating');
  if (path.resolve(source) === path.resolve(live)) throw new BackupInvalidError(source, 'it is the live database itself; choose a backup file');
  verifyDatabaseFile(source, options.nativeBinding);

  phase('copying');
  let verification: Verification;
  try {
    copyDatabaseDurably(source, temp, options.onBytes, options.nativeBinding);

    phase('verifying-copy');
    // What is reported is what is swapped in: the counts of the copy, WAL included.
    verification = verifyDatabaseFile(temp, options.nativeBinding);
  } catch (err) {
    for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) removeIfExists(f);
    throw err;
  }

  phase('setting-aside');
  let previous: string | null = null;
  if (fs.existsSync(live)) {
    let folded = true;
    try {
      foldWalIntoFile(live, options.nativeBinding);
    } catch {
      // A damaged live database (often the reason for restoring) is kept as it is, WAL included.
      folded = false;
    }
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    previous = `${live}.before-restore-${stamp}`;
    keepAside(live, previous);
    if (!folded && fs.existsSync(`${live}-wal`)) keepAside(`${live}-wal`, `${previous}-wal`);
    fsyncDir(dataDir);
  }
  for (const suffix of ['-wal', '-shm']) removeIfExists(live + suffix);

  phase('swapping');
  renameDurably(temp, live);
  phase('done');
  return { previous, verification };
}

/**
 * Copies a database as SQLite reads it: the main file and, when there is one, its -wal (committed
 * transactions not yet checkpointed, which a copy of the main file alone would silently drop), then
 * lets SQLite fold the WAL into the copy and leave WAL mode. The result is one fsynced file holding
 * exactly what a check of the source saw. `dest` and its companions are replaced.
 */
export function copyDatabaseDurably(source: string, dest: string, onBytes?: (copied: number, total: number) => void, nativeBinding?: string): void {
  for (const f of [dest, `${dest}-wal`, `${dest}-shm`]) removeIfExists(f);
  copyDurably(source, dest, onBytes);
  if (fs.existsSync(`${source}-wal`)) {
    try {
      copyDurably(`${source}-wal`, `${dest}-wal`);
    } catch (err) {
      if (err instanceof FileReadError) throw new BackupInvalidError(source, `its -wal file: ${err.message}`);
      throw err;
    }
  }
  singleFile(dest, nativeBinding);
  fsyncFile(dest);
  fsyncDir(path.dirname(dest));
}

function keepAside(file: string, aside: string): void {
  try {
    fs.linkSync(file, aside);
  } catch {
    // No hard links here (some network or FAT file systems): a durable copy does the same job.
    copyDurably(file, aside);
  }
}

/**
 * Checkpoints the WAL into the main file and leaves WAL mode, which deletes the -wal file: after
 * this the database is exactly one file. The next open switches back to WAL.
 */
function foldWalIntoFile(file: string, nativeBinding: string | undefined): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
