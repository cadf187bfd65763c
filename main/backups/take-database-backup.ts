import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fsyncFile, removeIfExists, renameDurably } from './durable-file.ts';
import { fileDigest } from './file-digest.ts';
import { verifyDatabaseFile, type Verification } from './verify-database-file.ts';

export interface BackupResult {
  file: string;
  durationMs: number;
  sizeBytes: number;
  sha256: string;
  verification: Verification;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/** photon-20261126-154500-123.db: sorts by time, never collides within one process. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString();
  return `photon-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}.db`;
}

/**
 * An online backup with SQLite's backup API: pages are copied a batch at a time between the app's
 * own writes, and a write made during the copy restarts or updates it, so the result is one
 * consistent snapshot. The file is written as .partial, fsynced, verified, then renamed: a file
 * named photon-*.db is always a complete, checked backup.
 */
export async function takeDatabaseBackup(
  db: Database.Database,
  dir: string,
  options: { at?: Date; pagesPerStep?: number; onProgress?: (p: BackupProgress) => void; nativeBinding?: string } = {},
): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const started = performance.now();
  const file = path.join(dir, backupFileName(options.at ?? new Date()));
  const partial = `${file}.partial`;
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        options.onProgress?.({ totalPages, remainingPages });
        return options.pagesPerStep ?? 256;
      },
    });
    singleFile(partial, options.nativeBinding);
    fsyncFile(partial);
    const verification = verifyDatabaseFile(partial, options.nativeBinding);
    renameDurably(partial, file);
    const { sha256, sizeBytes } = await fileDigest(file);
    return { file, durationMs: performance.now() - started, sizeBytes, sha256, verification };
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) removeIfExists(f);
    throw err;
  }
}

/**
 * The copy inherits the live database's WAL mode; a backup should be one self-contained file that
 * opens read-only without creating -wal/-shm companions, so it is switched to rollback mode.
 */
export function singleFile(file: string, nativeBinding?: string): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}
