import fs from 'node:fs';
import path from 'node:path';
import { openRegularFileSync } from '../core/read-file-safely.ts';

const CHUNK = 1024 * 1024;

/** Copies a file and fsyncs the copy: after this returns, the bytes are on disk, not in a cache. */
export function copyDurably(from: string, to: string, onBytes?: (copied: number, total: number) => void): void {
  // Only a regular file is copied: a FIFO or a device put where a backup (or its -wal) belongs would block or never end.
  const { fd: src, size: total } = openRegularFileSync(from, {});
  let dst: number;
  try {
    dst = fs.openSync(to, 'w', 0o600);
  } catch (err) {
    fs.closeSync(src);
    throw err;
  }
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let copied = 0;
    for (;;) {
      const n = fs.readSync(src, buf, 0, CHUNK, copied);
      if (n === 0) break;
      let written = 0;
      while (written < n) written += fs.writeSync(dst, buf, written, n - written, copied + written);
      copied += n;
      onBytes?.(copied, total);
    }
    fs.fsyncSync(dst);
  } finally {
    fs.closeSync(src);
    fs.closeSync(dst);
  }
}

/** fsync of a directory makes a rename in it durable (POSIX); Windows has no such call and needs none. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Renames within one directory and makes the rename durable: the atomic step of every swap. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDir(path.dirname(to));
}

export function removeIfExists(file: string): void {
  fs.rmSync(file, { force: true });
}
