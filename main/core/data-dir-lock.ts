import fs from 'node:fs';
import path from 'node:path';
import { CONFIG } from './config.ts';
import { FileReadError, readRegularTextSync } from './read-file-safely.ts';

export class DataDirInUseError extends Error {
  /** `pid` null: the lock file is there but this user may not read it (another user's process). */
  constructor(dataDir: string, pid: number | null, lockFile: string) {
    super(
      `${dataDir} is in use by another Photon Console (${pid === null ? `${lockFile} belongs to another user` : `pid ${pid}`}). ` +
        `Stop it first or use another --data-dir. If no such process is running, delete ${lockFile}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

const heldHere = new Map<string, number>();

/**
 * One process per data directory: two engines on one store would run every check twice and open
 * every incident twice. The lock file holds the owner's pid; a lock whose process is gone is stale
 * and taken over. Re-entrant within one process (tests and the Electron glue may reopen a core).
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'photon.lock');
  const held = heldHere.get(file) ?? 0;
  if (held === 0) takeLock(dataDir, file);
  heldHere.set(file, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (heldHere.get(file) ?? 1) - 1;
    if (left > 0) return void heldHere.set(file, left);
    heldHere.delete(file);
    try {
      if (readPid(file) === process.pid) fs.unlinkSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

function takeLock(dataDir: string, file: string, retried = false): void {
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || retried) throw err;
    const pid = readOwner(dataDir, file);
    if (pid !== null && pid !== process.pid && isAlive(pid)) throw new DataDirInUseError(dataDir, pid, file);
    fs.rmSync(file, { force: true });
    takeLock(dataDir, file, true);
  }
}

function readOwner(dataDir: string, file: string): number | null {
  try {
    return readPid(file);
  } catch (err) {
    if (err instanceof FileReadError) throw new DataDirInUseError(dataDir, null, file);
    throw err;
  }
}

function readPid(file: string): number | null {
  let text: string;
  try {
    text = readRegularTextSync(file, { maxBytes: CONFIG.files.lockFileBytes, noFollow: true });
  } catch (err) {
    // Not a pid file we wrote (a FIFO, a link, garbage): it holds no lock. ENOENT: released meanwhile.
    // UNREADABLE is not among them: another user's live process (say, a `sudo photon serve`) may hold it.
    if (err instanceof FileReadError && err.code !== 'UNREADABLE') return null;
    throw err;
  }
  const n = Number.parseInt(text.trim(), 10);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else — still a live owner.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
