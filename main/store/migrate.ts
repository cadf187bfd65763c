import type Database from 'better-sqlite3';
import { errorMessage } from '../core/error-message.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file} was written by a newer Photon Console (schema version ${found}; this build knows up to ${known}). ` +
        'Install the newer version, or start with another --data-dir. The file was left untouched.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in ONE transaction, recording progress in PRAGMA user_version
 * (which SQLite writes inside the transaction): either the database reaches the latest schema, or
 * it stays exactly as it was.
 */
export function migrate(db: Database.Database, list: readonly Migration[], file: string): number {
  assertOrdered(list);
  assertNotNewer(db, list, file);
  const latest = list.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      try {
        m.up(db);
      } catch (err) {
        throw new Error(`Migration ${m.version} (${m.name}) failed: ${errorMessage(err)}`, {
          cause: err,
        });
      }
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return latest;
}

export function assertNotNewer(db: Database.Database, list: readonly Migration[], file: string): void {
  const latest = list.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
}

function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list out of order at index ${i}: version ${m.version}`);
  });
}
