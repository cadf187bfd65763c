import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { WalkProblem } from '../../../preload/schemas/scorecard.ts';
import { CONFIG } from '../../core/config.ts';
import { FileReadError, isInside, readRegularFileSync, resolveInsideSync } from '../../core/read-file-safely.ts';

/** Contents beyond this are not read: no configuration or source file worth checking is that big. */
export const MAX_READ_BYTES = CONFIG.files.repositoryFileBytes;
/** A repository bigger than this is cut short (reported): an assessment must stay a few seconds. */
export const MAX_FILES = 200_000;
const SNIFF_BYTES = 8000;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);
const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif webp ico bmp tiff pdf zip gz tgz bz2 xz 7z rar jar war woff woff2 ttf otf eot mp3 mp4 mov avi webm wav ogg flac sqlite db node wasm exe dll so dylib bin class pyc lockb'.split(' '),
);

export interface RepoFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  size: number;
}

export interface WalkResult {
  root: string;
  files: RepoFile[];
  problems: WalkProblem[];
  /**
   * Reads a file's text once (cached); null for binary, huge or unreadable files (each reported
   * once). With `cache: false` a text not read before is returned without being kept: a scan of
   * every file must not hold the whole repository in memory.
   */
  read(file: string, opts?: { cache?: boolean }): string | null;
  has(file: string): boolean;
  bytesRead(): number;
}

export class NotADirectoryError extends Error {
  constructor(dir: string, why: string) {
    super(`${dir}: ${why}`);
    this.name = 'NotADirectoryError';
  }
}

interface Scope {
  /** Directory (relative, "" for the root) the rules of `ig` are written relative to. */
  base: string;
  ig: Ignore;
}

/**
 * Lists a repository's files the way git would see them: .gitignore rules of every directory
 * apply, node_modules and .git are skipped. Symlinked directories are followed only inside the
 * repository, after every real directory, and only once (a loop or a second way into a directory is
 * reported, not followed). Symlinked files are listed only when their real file is a regular file
 * inside the repository, and read() resolves the link again, so a link swapped to point outside
 * after the walk is still refused. FIFOs, sockets and devices are skipped with a note. A .gitignore
 * is read only when it is a regular file inside the repository. Nothing here throws for one bad
 * entry: it becomes a problem in the result.
 */
export async function walkRepository(rootDir: string, onProgress?: (files: number) => void): Promise<WalkResult> {
  const root = path.resolve(rootDir);
  let realRoot: string;
  try {
    const st = fs.statSync(root);
    if (!st.isDirectory()) throw new NotADirectoryError(root, 'not a directory');
    realRoot = fs.realpathSync(root);
  } catch (err) {
    if (err instanceof NotADirectoryError) throw err;
    throw new NotADirectoryError(root, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (err as Error).message);
  }
  const files: RepoFile[] = [];
  const problems: WalkProblem[] = [];
  /** Real path of every directory walked → the path it was walked as. */
  const visited = new Map<string, string>([[realRoot, '']]);
  const linkedDirs: Array<{ abs: string; rel: string; scopes: Scope[]; real: string }> = [];
  let sinceYield = 0;

  const walkDir = async (abs: string, rel: string, scopes: Scope[]): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: rel || '.', problem: `directory not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      return;
    }
    const own = entries.find((e) => e.name === '.gitignore' && (e.isFile() || e.isSymbolicLink()));
    let here = scopes;
    if (own) {
      const rules = readIgnoreFile(path.join(abs, '.gitignore'), realRoot);
      if ('problem' in rules) problems.push({ path: join(rel, '.gitignore'), problem: rules.problem });
      else here = [...scopes, { base: rel, ig: ignore().add(rules.text) }];
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (files.length >= MAX_FILES) {
        if (!problems.some((p) => p.problem.startsWith('stopped'))) problems.push({ path: rel || '.', problem: `stopped after ${MAX_FILES} files` });
        return;
      }
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      const childRel = join(rel, e.name);
      const childAbs = path.join(abs, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let special: string | null = isDir || isFile || e.isSymbolicLink() ? null : specialKind(e);
      if (e.isSymbolicLink()) {
        let real: string;
        let st: fs.Stats;
        try {
          real = fs.realpathSync(childAbs);
          st = fs.statSync(real);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          problems.push({ path: childRel, problem: code === 'ELOOP' ? 'symlink loop, not followed' : `broken symlink (${code ?? (err as Error).message})` });
          continue;
        }
        if (!isInside(real, realRoot)) {
          problems.push({ path: childRel, problem: 'symlink to outside the repository, not followed' });
          continue;
        }
        if (st.isDirectory()) {
          if (visited.has(real)) {
            problems.push({ path: childRel, problem: linkedDirProblem(abs, real, visited.get(real)!) });
            continue;
          }
          isDir = true;
        } else {
          isFile = st.isFile();
          if (!isFile) special = `a symlink to ${specialKind(st)}`;
        }
        if (isDir) {
          if (ignoredBy(here, childRel, true)) continue;
          // Walked after every real directory, so that files keep their real paths and a link to a
          // directory of the repository does not list it twice.
          linkedDirs.push({ abs: childAbs, rel: childRel, scopes: here, real });
          continue;
        }
      }
      if (ignoredBy(here, childRel, isDir)) continue;
      if (isDir) {
        let real: string | null = null;
        try {
          real = fs.realpathSync(childAbs);
        } catch {
          // Unresolvable here means unreadable below; readdir reports it.
        }
        if (real !== null) {
          if (visited.has(real)) {
            problems.push({ path: childRel, problem: `directory already walked as ${visited.get(real) || '.'}, not walked again` });
            continue;
          }
          visited.set(real, childRel);
        }
        await walkDir(childAbs, childRel, here);
      } else if (isFile) {
        let size = 0;
        try {
          size = fs.statSync(childAbs).size;
        } catch (err) {
          problems.push({ path: childRel, problem: `not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
          continue;
        }
        files.push({ path: childRel, size });
        if (++sinceYield >= 1000) {
          sinceYield = 0;
          onProgress?.(files.length);
          // Let the event loop breathe: the core serves other calls while a big repository is walked.
          await new Promise((r) => setImmediate(r));
        }
      } else if (special) {
        problems.push({ path: childRel, problem: `${special}, not a regular file; skipped` });
      }
    }
  };

  await walkDir(root, '', []);
  // Symlinked directories last (the list grows while it is walked: links inside linked directories).
  for (let i = 0; i < linkedDirs.length && files.length < MAX_FILES; i++) {
    const d = linkedDirs[i]!;
    if (visited.has(d.real)) {
      problems.push({ path: d.rel, problem: linkedDirProblem(path.dirname(d.abs), d.real, visited.get(d.real)!) });
      continue;
    }
    visited.set(d.real, d.rel);
    await walkDir(d.abs, d.rel, d.scopes);
  }
  onProgress?.(files.length);

  const known = new Set(files.map((f) => f.path));
  const sizes = new Map(files.map((f) => [f.path, f.size]));
  const cache = new Map<string, string | null>();
  let bytes = 0;
  return {
    root,
    files,
    problems,
    has: (file) => known.has(file),
    bytesRead: () => bytes,
    read(file, opts) {
      if (cache.has(file)) return cache.get(file)!;
      let text: string | null = null;
      const size = sizes.get(file);
      if (size === undefined) return null;
      if (BINARY_EXTENSIONS.has(path.extname(file).slice(1).toLowerCase())) {
        text = null;
      } else {
        const got = readInside(realRoot, file, MAX_READ_BYTES);
        if ('problem' in got) problems.push({ path: file, problem: got.problem });
        else {
          bytes += got.buf.length;
          if (got.buf.subarray(0, SNIFF_BYTES).includes(0)) problems.push({ path: file, problem: 'binary content, not read' });
          else text = got.buf.toString('utf8');
        }
      }
      // Failures are always remembered (each is reported once); texts only when asked to.
      if (text === null || opts?.cache !== false) cache.set(file, text);
      return text;
    },
  };
}

/**
 * The contents of a regular file of at most `max` bytes, through main/core/read-file-safely.ts:
 * opened non-blocking and checked on the open descriptor, so that a FIFO, a device or a file
 * swapped in after the walk can neither block the assessment nor feed it endless bytes. `file` is a
 * real path already (see readInside): a link at its last component is refused, not followed.
 */
export function readRegularFile(file: string, max: number): { buf: Buffer } | { problem: string } {
  try {
    return { buf: readRegularFileSync(file, { maxBytes: max, noFollow: true }) };
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    return { problem: walkProblem(err, max) };
  }
}

/**
 * A file of the walk read by its repository path: resolved first, and refused when the real file
 * is outside the repository (a file replaced by such a link after the walk is caught here).
 */
function readInside(realRoot: string, file: string, max: number): { buf: Buffer } | { problem: string } {
  let real: string;
  try {
    real = resolveInsideSync(realRoot, file);
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    return { problem: walkProblem(err, max) };
  }
  return readRegularFile(real, max);
}

function walkProblem(err: FileReadError, max: number): string {
  switch (err.code) {
    case 'NOT_REGULAR_FILE':
      return `not a regular file (${err.found ?? 'special file'}), not read`;
    case 'TOO_LARGE':
      return `not read: ${err.bytes ?? max + 1} bytes is over the ${max}-byte limit`;
    case 'OUTSIDE_ROOT':
      return 'symlink to outside the repository, not followed';
    case 'SYMLINK':
      return 'replaced by a symlink during the assessment, not followed';
    case 'NOT_FOUND':
      return 'not readable (ENOENT)';
    default:
      return `not readable (${err.errno ?? err.reason})`;
  }
}

/** What a directory entry that is neither a file nor a directory is, for the note that skips it. */
function specialKind(e: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (e.isFIFO()) return 'a FIFO (named pipe)';
  if (e.isSocket()) return 'a socket';
  if (e.isCharacterDevice()) return 'a character device';
  if (e.isBlockDevice()) return 'a block device';
  return 'a special file';
}

/** A directory's .gitignore (a symlink is resolved): read only when it is a regular file inside the repository. */
function readIgnoreFile(file: string, realRoot: string): { text: string } | { problem: string } {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: code === 'ELOOP' ? 'symlink loop, rules not read' : `not readable (${code ?? (err as Error).message}), rules not used` };
  }
  if (!isInside(real, realRoot)) return { problem: 'symlink to outside the repository, rules not read' };
  const got = readRegularFile(real, MAX_READ_BYTES);
  if ('problem' in got) return { problem: `${got.problem}; its rules are not used` };
  return { text: got.buf.toString('utf8') };
}

/** Why a symlinked directory is not followed: it points at one of its own ancestors, or was walked already. */
function linkedDirProblem(parentAbs: string, real: string, walkedAs: string): string {
  let parentReal = parentAbs;
  try {
    parentReal = fs.realpathSync(parentAbs);
  } catch {
    // Keep the unresolved path; at worst the message says "already walked" for a loop.
  }
  if (isInside(parentReal, real)) return 'symlink loop (directory already walked), not followed';
  return `symlink to a directory already walked as ${walkedAs || '.'}, not followed`;
}

function join(rel: string, name: string): string {
  return rel === '' ? name : `${rel}/${name}`;
}

function ignoredBy(scopes: Scope[], rel: string, isDir: boolean): boolean {
  // Like git: the deepest .gitignore with an opinion (a match or a "!" re-include) decides.
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i]!;
    const local = s.base === '' ? rel : rel.slice(s.base.length + 1);
    const verdict = s.ig.test(isDir ? `${local}/` : local);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
