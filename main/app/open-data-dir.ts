import fs from 'node:fs';
import path from 'node:path';
import { applyPendingRestore } from '../backups/index.ts';
import { acquireDataDirLock } from '../core/data-dir-lock.ts';
import { openDatabase, type OpenedDatabase } from '../store/open-database.ts';

export interface OpenedDataDir {
  dataDir: string;
  store: OpenedDatabase;
  /** What the operator must hear about startup (a restore applied or refused). */
  notices: string[];
  release(): void;
}

/** Locks the data directory, applies a restore staged from the UI, and opens the database. */
export function openDataDir(dir: string, nativeBinding: string | undefined): OpenedDataDir {
  const dataDir = path.resolve(dir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireDataDirLock(dataDir);
  try {
    // Applied here: the lock is held and nothing has the file open.
    const notices = applyPendingRestore(dataDir, nativeBinding);
    const store = openDatabase(dataDir, nativeBinding ? { nativeBinding } : {});
    return { dataDir, store, notices, release };
  } catch (err) {
    release();
    throw err;
  }
}
