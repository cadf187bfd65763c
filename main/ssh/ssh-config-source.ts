/**
 * File access for ssh-config-import.ts's Include: the disk (with glob(3)-like matching, since Node 20
 * has no fs.glob) or an in-memory map. Kept apart so the parser itself stays free of I/O.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG } from '../core/config.ts';
import { FileReadError, readRegularTextSync } from '../core/read-file-safely.ts';

/** A real config is a few KB; a larger file is a wrong path or garbage and is not read. */
export const MAX_CONFIG_FILE_BYTES = CONFIG.files.sshConfigBytes;

/**
 * Where Include finds its files. Patterns arrive absolute and ~-expanded; `glob` returns the
 * matching files sorted (glob(3) order), `read` a file's text.
 */
export interface SshConfigFileSource {
  glob(absolutePattern: string): { paths: string[] } | { error: string };
  read(absolutePath: string): { text: string } | { error: string };
}

/** Include files from disk, with ssh's glob semantics for `*`, `?` and `[...]` per path segment. */
export function fsConfigSource(maxBytes = MAX_CONFIG_FILE_BYTES): SshConfigFileSource {
  return {
    glob: (pattern) => globSegments(pattern, fsDirectory),
    read(file) {
      // Synchronous like the parser that calls it; the non-blocking open keeps a FIFO from freezing it.
      try {
        return { text: readRegularTextSync(file, { maxBytes }) };
      } catch (err) {
        if (!(err instanceof FileReadError)) throw err;
        if (err.code === 'NOT_FOUND') return { error: `${file} does not exist` };
        if (err.code === 'NOT_REGULAR_FILE') return { error: `${file} is not a file (it is ${err.found ?? 'something else'}); not read` };
        if (err.code === 'TOO_LARGE') return { error: `${file} ${err.reason.replace('; not read', '')}; a config over ${maxBytes} bytes is not read` };
        if (/permission denied/.test(err.reason)) return { error: `${file} is not readable (permission denied)` };
        return { error: `cannot read ${file}: ${err.reason}` };
      }
    },
  };
}

/** Include files from a map of absolute path → text: for tests and for configs that arrive as data. */
export function memoryConfigSource(files: Readonly<Record<string, string>>): SshConfigFileSource {
  const paths = Object.keys(files);
  return {
    glob(pattern) {
      const want = pattern.split('/');
      const matched = paths.filter((p) => {
        const have = p.split('/');
        return have.length === want.length && want.every((seg, i) => segmentMatches(have[i]!, seg));
      });
      return { paths: matched.sort(byteOrder) };
    },
    read: (file) => (Object.hasOwn(files, file) ? { text: files[file]! } : { error: `${file} does not exist` }),
  };
}

// ---------------------------------------------------------------------------------------------
// Include globbing

interface DirectoryLister {
  list(dir: string): string[] | null;
  isFile(p: string): boolean;
}

const fsDirectory: DirectoryLister = {
  list(dir) {
    try {
      return fs.readdirSync(dir);
    } catch {
      return null;
    }
  },
  // Anything but a directory: a FIFO or a device that a pattern names reaches read(), which refuses
  // it with what it is, instead of being reported as missing.
  isFile(p) {
    try {
      return !fs.statSync(p).isDirectory();
    } catch {
      return false;
    }
  },
};

/** glob(3) for an absolute pattern, one path segment at a time; files only, sorted. */
function globSegments(pattern: string, dir: DirectoryLister): { paths: string[] } | { error: string } {
  if (!pattern.startsWith('/')) return { error: `${pattern} is not an absolute path` };
  const segments = pattern.split('/').filter((s) => s !== '');
  let current = ['/'];
  for (const seg of segments) {
    const next: string[] = [];
    for (const base of current) {
      if (!/[*?[]/.test(seg)) {
        next.push(path.posix.join(base, seg));
        continue;
      }
      const names = dir.list(base);
      if (!names) continue;
      for (const name of names) if (segmentMatches(name, seg)) next.push(path.posix.join(base, name));
    }
    current = next;
    if (current.length > 10_000) return { error: `${pattern} matches too many paths` };
  }
  return { paths: current.filter((p) => dir.isFile(p)).sort(byteOrder) };
}

/**
 * fnmatch(3) for one path segment: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`; a leading dot is only
 * matched by a literal dot, as glob(3) does.
 */
function segmentMatches(name: string, pattern: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  return fnmatch(name, 0, pattern, 0, { steps: 0 });
}

function fnmatch(s: string, si: number, p: string, pi: number, budget: { steps: number }): boolean {
  while (pi < p.length) {
    if (++budget.steps > 100_000) return false;
    const c = p[pi]!;
    if (c === '*') {
      while (p[pi] === '*') pi++;
      if (pi === p.length) return true;
      for (let k = si; k <= s.length; k++) if (fnmatch(s, k, p, pi, budget)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      si++;
      pi++;
      continue;
    }
    if (c === '[') {
      const close = p.indexOf(']', pi + 2);
      if (close !== -1) {
        let body = p.slice(pi + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        let hit = false;
        for (let k = 0; k < body.length; k++) {
          if (body[k + 1] === '-' && k + 2 < body.length) {
            if (s[si]! >= body[k]! && s[si]! <= body[k + 2]!) hit = true;
            k += 2;
          } else if (body[k] === s[si]) hit = true;
        }
        if (hit === negate) return false;
        si++;
        pi = close + 1;
        continue;
      }
    }
    if (c !== s[si]) return false;
    si++;
    pi++;
  }
  return si === s.length;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
