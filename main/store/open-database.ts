import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { assertNotNewer, migrate, type Migration } from './migrate.ts';
import { migrations as defaultMigrations } from './migrations/index.ts';

export interface OpenDatabaseOptions {
  /** Path of a better-sqlite3 binary built for this runtime (the Electron build lives apart). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface OpenedDatabase {
  db: Database.Database;
  file: string;
  schemaVersion: number;
  /** Plain-language notices for the operator, e.g. that a corrupt file was moved aside. */
  notices: string[];
}

export const DATABASE_FILE = 'photon.db';

/**
 * Opens (creating if needed) the store in dataDir. A file that SQLite cannot read, or that fails its
 * integrity check, is renamed aside — never overwritten — and a fresh database takes its place.
 */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): OpenedDatabase {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, DATABASE_FILE);
  const notices: string[] = [];
  let db: Database.Database;
  try {
    db = openChecked(file, options.nativeBinding);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    const aside = moveAside(file, options.now?.() ?? new Date());
    notices.push(
      `The database ${file} was unreadable (${(err as Error).message}). It was moved to ${aside} and a new, empty database was created. ` +
        'Nothing was deleted: the old file can be inspected or restored from a backup.',
    );
    db = openChecked(file, options.nativeBinding);
  }
  try {
    const list = options.migrations ?? defaultMigrations;
    // Checked before any pragma that writes the header: a newer app's file must stay byte-identical.
    assertNotNewer(db, list, file);
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit is appended to the WAL file (the OS holds it) without an fsync;
    // the WAL is synced at checkpoints. A process crash (kill -9, OOM killer) loses nothing that
    // committed: the OS still writes the file and the next open replays the WAL. Only a power loss
    // or kernel crash can drop the last commits, never corrupt the database. FULL would fsync every
    // batch for that case alone; results are shown only after their commit (monitors/published-states.ts).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const version = migrate(db, list, file);
    return { db, file, schemaVersion: version, notices };
  } catch (err) {
    db.close();
    throw err;
  }
}

function openChecked(file: string, nativeBinding: string | undefined): Database.Database {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    // quick_check verifies page and b-tree structure in O(n) without the index cross-check that
    // makes integrity_check slow on large stores; it is what catches a torn or foreign file.
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new CorruptDatabaseError(`integrity check failed: ${String(result)}`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

class CorruptDatabaseError extends Error {}

function isCorruption(err: unknown): boolean {
  if (err instanceof CorruptDatabaseError) return true;
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}
