import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { WalkProblem } from '../../../preload/schemas/scorecard.ts';

/** Contents beyond this are not read: no configuration or source file worth checking is that big. */
export const MAX_READ_BYTES = 1024 * 1024;
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
  /** Reads a file's text once (cached); null for binary, huge or unreadable files (each reported once). */
  read(file: string): string | null;
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
 * repository and only once (a loop is reported, not followed). Nothing here throws for one bad
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
  const visited = new Set<string>([realRoot]);
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
      try {
        here = [...scopes, { base: rel, ig: ignore().add(fs.readFileSync(path.join(abs, '.gitignore'), 'utf8')) }];
      } catch (err) {
        problems.push({ path: join(rel, '.gitignore'), problem: `not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
      }
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
        if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
          problems.push({ path: childRel, problem: 'symlink to outside the repository, not followed' });
          continue;
        }
        if (st.isDirectory()) {
          if (visited.has(real)) {
            problems.push({ path: childRel, problem: 'symlink loop (directory already walked), not followed' });
            continue;
          }
          isDir = true;
        } else isFile = st.isFile();
      }
      if (ignoredBy(here, childRel, isDir)) continue;
      if (isDir) {
        if (!e.isSymbolicLink()) {
          try {
            visited.add(fs.realpathSync(childAbs));
          } catch {
            // Unresolvable here means unreadable below; readdir reports it.
          }
        } else visited.add(fs.realpathSync(childAbs));
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
      }
    }
  };

  await walkDir(root, '', []);
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
    read(file) {
      if (cache.has(file)) return cache.get(file)!;
      let text: string | null = null;
      const size = sizes.get(file);
      if (size === undefined) return null;
      if (BINARY_EXTENSIONS.has(path.extname(file).slice(1).toLowerCase())) {
        text = null;
      } else if (size > MAX_READ_BYTES) {
        problems.push({ path: file, problem: `not read: ${size} bytes is over the ${MAX_READ_BYTES}-byte limit` });
      } else {
        try {
          const buf = fs.readFileSync(path.join(root, file));
          bytes += buf.length;
          if (buf.subarray(0, SNIFF_BYTES).includes(0)) problems.push({ path: file, problem: 'binary content, not read' });
          else text = buf.toString('utf8');
        } catch (err) {
          problems.push({ path: file, problem: `not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` });
        }
      }
      cache.set(file, text);
      return text;
    },
  };
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
