import fs from 'node:fs';
import Database from 'better-sqlite3';
import { FileReadError, openRegularFileSync } from '../core/read-file-safely.ts';
import { migrations } from '../store/migrations/index.ts';

export interface Verification {
  integrity: string;
  schemaVersion: number;
  /** Rows per table, for the history view and to compare with the live database. */
  rowCounts: Record<string, number>;
}

export class BackupInvalidError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is not a usable Photon Console backup: ${reason}`);
    this.name = 'BackupInvalidError';
  }
}

/** Tables any Photon database has; a file without them is some other SQLite database. */
const REQUIRED_TABLES = ['projects', 'monitors', 'incidents'];

/**
 * Opens a backup read-only and checks it the slow, thorough way: PRAGMA integrity_check (every page,
 * b-tree and index entry), the schema version, that it is a Photon database, and counts every
 * table's rows. Throws BackupInvalidError with the reason; never modifies the file.
 */
export function verifyDatabaseFile(file: string, nativeBinding?: string): Verification {
  // Checked on an open, non-blocking descriptor: a FIFO named as a backup is refused, not waited on.
  let opened: { fd: number; size: number };
  try {
    opened = openRegularFileSync(file, {});
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.code === 'NOT_REGULAR_FILE') throw new BackupInvalidError(file, `it is not a regular file (it is ${err.found ?? 'something else'})`);
    throw new BackupInvalidError(file, 'the file does not exist or cannot be read');
  }
  const header = Buffer.alloc(16);
  try {
    if (opened.size < 512) throw new BackupInvalidError(file, `it is only ${opened.size} bytes, too small to be an SQLite database`);
    fs.readSync(opened.fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(opened.fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0') throw new BackupInvalidError(file, 'it is not an SQLite database (wrong file header)');
  refuseSpecialCompanions(file);

  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (err) {
    throw new BackupInvalidError(file, `SQLite cannot open it (${(err as Error).message})`);
  }
  try {
    let integrity: string;
    try {
      const rows = db.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
      integrity = rows.map((r) => r.integrity_check).join('; ');
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      const corrupt = code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
      throw new BackupInvalidError(file, corrupt ? `the integrity check failed: ${(err as Error).message}` : `the integrity check could not run (${(err as Error).message})`);
    }
    if (integrity !== 'ok') throw new BackupInvalidError(file, `the integrity check failed: ${integrity.slice(0, 500)}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const known = migrations.at(-1)!.version;
    if (schemaVersion > known) throw new BackupInvalidError(file, `it was written by a newer Photon Console (schema ${schemaVersion}; this build knows up to ${known})`);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) throw new BackupInvalidError(file, `it is not a Photon Console database (no ${missing.join(', ')} table)`);
    const rowCounts: Record<string, number> = {};
    for (const t of tables) rowCounts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t.replace(/"/g, '""')}"`).get() as { n: number }).n;
    return { integrity, schemaVersion, rowCounts };
  } catch (err) {
    if (err instanceof BackupInvalidError) throw err;
    throw new BackupInvalidError(file, (err as Error).message);
  } finally {
    db.close();
  }
}

/**
 * SQLite opens <file>-wal and -shm beside a database on its own; a FIFO or a device planted there
 * would block it (or feed it endlessly) where no check of ours could step in, so they are refused first.
 */
function refuseSpecialCompanions(file: string): void {
  for (const suffix of ['-wal', '-shm']) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(file + suffix);
    } catch {
      continue; // none: nothing to refuse
    }
    if (!st.isFile()) throw new BackupInvalidError(file, `${file}${suffix} beside it is not a regular file`);
  }
}
