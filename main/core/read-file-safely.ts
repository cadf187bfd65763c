import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading a file whose path came from outside (a person, a repository, a config): only a regular
 * file, never more than a cap, and never stuck. The open is non-blocking, so a FIFO cannot freeze
 * the process waiting for a writer; the checks are made on the opened descriptor, not the path, so
 * a file swapped after the check is still caught; the read stops at cap+1 bytes, so a file that
 * lies about its size (or grows) cannot fill the memory either.
 */

export type FileReadErrorCode = 'NOT_FOUND' | 'NOT_REGULAR_FILE' | 'TOO_LARGE' | 'SYMLINK' | 'OUTSIDE_ROOT' | 'UNREADABLE';

export interface FileReadDetail {
  /** What the file is to the caller ("caFile", "private key"); it opens the message. */
  label?: string | undefined;
  /** For NOT_REGULAR_FILE, what it is instead: "a FIFO (named pipe)", "a directory". */
  found?: string;
  /** For TOO_LARGE, the size seen (at least this much when the read was cut short). */
  bytes?: number;
  /** The errno code behind UNREADABLE (EACCES, EIO…), when there was one. */
  errno?: string;
}

export class FileReadError extends Error {
  readonly label: string | undefined;
  readonly found: string | undefined;
  readonly bytes: number | undefined;
  readonly errno: string | undefined;

  constructor(
    readonly code: FileReadErrorCode,
    /** The path as it was asked for. */
    readonly file: string,
    /** Why, in words that fit after the file name: "is a FIFO, not a regular file". */
    readonly reason: string,
    detail: FileReadDetail = {},
  ) {
    super(`${detail.label ? `${detail.label} ` : ''}${file} ${reason}`);
    this.name = 'FileReadError';
    this.label = detail.label;
    this.found = detail.found;
    this.bytes = detail.bytes;
    this.errno = detail.errno;
  }
}

export interface ReadFileOptions {
  maxBytes: number;
  /** What the file is, for the message: "caFile", "photon.yml", "private key". */
  label?: string;
  /** Refuse when the last component of the path is a symbolic link (O_NOFOLLOW). */
  noFollow?: boolean;
}

const C = fs.constants;
// O_NOCTTY: a terminal named by mistake must not become the controlling terminal of `photon serve`.
const openFlags = (o: ReadFileOptions) => C.O_RDONLY | (C.O_NONBLOCK ?? 0) | (C.O_NOCTTY ?? 0) | (o.noFollow ? (C.O_NOFOLLOW ?? 0) : 0);

/**
 * Opening a device can act on it (a watchdog arms, a tape rewinds), so what the path names is
 * looked at before it is opened; the opened descriptor is still checked, which is what counts when
 * the path changes in between. Errors are left to open(), which reports them.
 */
function refuseSpecialSync(file: string, o: ReadFileOptions): void {
  let st: fs.Stats;
  try {
    st = o.noFollow ? fs.lstatSync(file) : fs.statSync(file);
  } catch {
    return;
  }
  if (!st.isSymbolicLink()) checkStats(st, file, o);
}

async function refuseSpecial(file: string, o: ReadFileOptions): Promise<void> {
  let st: fs.Stats;
  try {
    st = o.noFollow ? await fs.promises.lstat(file) : await fs.promises.stat(file);
  } catch {
    return;
  }
  if (!st.isSymbolicLink()) checkStats(st, file, o);
}

/** The bytes of a regular file of at most `maxBytes`; anything else is a FileReadError. */
export async function readRegularFile(file: string, options: ReadFileOptions): Promise<Buffer> {
  let handle: fs.promises.FileHandle;
  await refuseSpecial(file, options);
  try {
    handle = await fs.promises.open(file, openFlags(options));
  } catch (err) {
    throw openError(err, file, options);
  }
  try {
    checkStats(await handle.stat(), file, options);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read to cap+1 whatever fstat said: /proc-like files say 0, and a file may grow meanwhile.
    for (;;) {
      const want = Math.min(64 * 1024, options.maxBytes + 1 - total);
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(want), 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) throw tooLarge(file, total, options, true);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw readError(err, file, options);
  } finally {
    await handle.close().catch(() => {});
  }
}

/** readRegularFile as UTF-8 text. */
export async function readRegularText(file: string, options: ReadFileOptions): Promise<string> {
  return (await readRegularFile(file, options)).toString('utf8');
}

/**
 * The same checks, synchronously: for startup and for parsers that are synchronous by nature. The
 * non-blocking open keeps a FIFO from freezing the thread; a regular file under the cap reads in
 * well under a millisecond per hundred KB.
 */
export function readRegularFileSync(file: string, options: ReadFileOptions): Buffer {
  let fd: number;
  refuseSpecialSync(file, options);
  try {
    fd = fs.openSync(file, openFlags(options));
  } catch (err) {
    throw openError(err, file, options);
  }
  try {
    checkStats(fs.fstatSync(fd), file, options);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(64 * 1024, options.maxBytes + 1 - total);
      const buf = Buffer.alloc(want);
      const n = fs.readSync(fd, buf, 0, want, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > options.maxBytes) throw tooLarge(file, total, options, true);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    throw readError(err, file, options);
  } finally {
    fs.closeSync(fd);
  }
}

export function readRegularTextSync(file: string, options: ReadFileOptions): string {
  return readRegularFileSync(file, options).toString('utf8');
}

/**
 * Opens a regular file of any size for streaming or copying (a backup): the descriptor, opened
 * non-blocking and checked to be a regular file. The caller closes it.
 */
export function openRegularFileSync(file: string, options: Omit<ReadFileOptions, 'maxBytes'> & { maxBytes?: number }): { fd: number; size: number } {
  let fd: number;
  refuseSpecialSync(file, { maxBytes: Infinity, ...options });
  try {
    fd = fs.openSync(file, openFlags({ maxBytes: Infinity, ...options }));
  } catch (err) {
    throw openError(err, file, { maxBytes: Infinity, ...options });
  }
  try {
    const st = fs.fstatSync(fd);
    checkStats(st, file, { maxBytes: Infinity, ...options });
    return { fd, size: st.size };
  } catch (err) {
    fs.closeSync(fd);
    throw readError(err, file, { maxBytes: Infinity, ...options });
  }
}

/** Whether `real` is `realRoot` or below it (both already resolved). */
export function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
}

/**
 * The real path of `relPath` under `root`, refused (OUTSIDE_ROOT) when it or any link on the way
 * leads out of the root: a repository's file must never be a door to the rest of the disk. Read
 * the answer with `noFollow`, so a link swapped in afterwards is refused too.
 */
export async function resolveInside(root: string, relPath: string, label?: string): Promise<string> {
  const file = path.resolve(root, relPath);
  let realRoot: string;
  let real: string;
  try {
    realRoot = await fs.promises.realpath(root);
    real = await fs.promises.realpath(file);
  } catch (err) {
    throw openError(err, file, { maxBytes: 0, ...(label && { label }) });
  }
  if (!isInside(real, realRoot)) throw new FileReadError('OUTSIDE_ROOT', file, `leads outside ${root} (to ${real}); not read`, { label });
  return real;
}

export function resolveInsideSync(root: string, relPath: string, label?: string): string {
  const file = path.resolve(root, relPath);
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(file);
  } catch (err) {
    throw openError(err, file, { maxBytes: 0, ...(label && { label }) });
  }
  if (!isInside(real, realRoot)) throw new FileReadError('OUTSIDE_ROOT', file, `leads outside ${root} (to ${real}); not read`, { label });
  return real;
}

function checkStats(st: fs.Stats, file: string, o: ReadFileOptions): void {
  if (!st.isFile()) throw new FileReadError('NOT_REGULAR_FILE', file, `is ${kindOf(st)}, not a regular file; not read`, { label: o.label, found: kindOf(st) });
  if (st.size > o.maxBytes) throw tooLarge(file, st.size, o, false);
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'a special file';
}

function tooLarge(file: string, bytes: number, o: ReadFileOptions, atLeast: boolean): FileReadError {
  const size = atLeast ? 'larger than' : `${bytes} bytes, over`;
  return new FileReadError('TOO_LARGE', file, `is ${size} the limit of ${o.maxBytes} bytes; not read`, { label: o.label, bytes });
}

function openError(err: unknown, file: string, o: ReadFileOptions): FileReadError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileReadError('NOT_FOUND', file, 'does not exist', { label: o.label });
  if (code === 'ELOOP') return new FileReadError('SYMLINK', file, o.noFollow ? 'is a symbolic link; not followed' : 'is a symbolic link loop', { label: o.label });
  if (code === 'EISDIR') return new FileReadError('NOT_REGULAR_FILE', file, 'is a directory, not a regular file; not read', { label: o.label, found: 'a directory' });
  return readError(err, file, o);
}

function readError(err: unknown, file: string, o: ReadFileOptions): FileReadError {
  if (err instanceof FileReadError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? (err as Error).message);
  return new FileReadError('UNREADABLE', file, `is not readable (${why})`, { label: o.label, ...(code && { errno: code }) });
}
