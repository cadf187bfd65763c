import path from 'node:path';
import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import { redactSecrets } from './secret-detection.ts';
import { stripComments } from './strip-comments.ts';
import type { WalkResult } from './walk-repository.ts';

export interface Match {
  file: string;
  line: number;
  text: string;
}

export interface PackageJson {
  file: string;
  data: {
    name?: unknown;
    engines?: { node?: unknown };
    scripts?: Record<string, unknown>;
    dependencies?: Record<string, unknown>;
    devDependencies?: Record<string, unknown>;
    workspaces?: unknown;
    license?: unknown;
    jest?: unknown;
    nyc?: unknown;
    c8?: unknown;
  };
  text: string;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /(?:^|\/)(?:__tests__|tests?|spec|e2e)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;
const IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;

/**
 * What the checks read from a repository: files by name, parsed package.json files, the modules
 * the sources import (with file:line) and a line search. Everything is computed once, on demand.
 */
export class RepoFacts {
  private importsCache: Map<string, Match[]> | null = null;
  private packagesCache: PackageJson[] | null = null;
  readonly sourceFiles: string[];
  readonly testFiles: string[];
  private readonly testFileSet: Set<string>;
  /** .env files committed to git; null when that cannot be known (not a git work tree). */
  trackedEnvFiles: string[] | null = null;

  constructor(readonly walk: WalkResult) {
    const sources = walk.files.filter((f) => SOURCE.test(f.path) && !f.path.endsWith('.d.ts')).map((f) => f.path);
    this.testFiles = sources.filter((f) => TEST_FILE.test(f));
    this.testFileSet = new Set(this.testFiles);
    this.sourceFiles = sources.filter((f) => !this.testFileSet.has(f));
  }

  isTestFile(file: string): boolean {
    return this.testFileSet.has(file);
  }

  get files(): string[] {
    return this.walk.files.map((f) => f.path);
  }

  /** Files whose path (relative, forward slashes) matches; case-insensitive on the base name. */
  find(pattern: RegExp): string[] {
    return this.files.filter((f) => pattern.test(f));
  }

  read(file: string): string | null {
    return this.walk.read(file);
  }

  /** package.json files outside node_modules, the shallowest first; unparsable ones are reported. */
  get packages(): PackageJson[] {
    if (this.packagesCache) return this.packagesCache;
    const list: PackageJson[] = [];
    for (const file of this.find(/(?:^|\/)package\.json$/).sort((a, b) => depth(a) - depth(b) || a.localeCompare(b))) {
      const text = this.read(file);
      if (text === null) continue;
      try {
        const data = JSON.parse(text) as unknown;
        if (data && typeof data === 'object' && !Array.isArray(data)) list.push({ file, data: data as PackageJson['data'], text });
        else this.walk.problems.push({ path: file, problem: 'not a JSON object' });
      } catch (err) {
        // The parser's message quotes the text around the error, which may be a secret: keep the position only.
        const at = /\bat position \d+(?: \(line \d+ column \d+\))?/.exec((err as Error).message)?.[0];
        this.walk.problems.push({ path: file, problem: `not valid JSON${at ? ` (${at})` : ''}` });
      }
    }
    return (this.packagesCache = list);
  }

  get rootPackage(): PackageJson | null {
    return this.packages.find((p) => p.file === 'package.json') ?? null;
  }

  /** Where a dependency (runtime or dev) is declared, in any package.json. */
  declared(name: string | RegExp): Evidence[] {
    const out: Evidence[] = [];
    for (const p of this.packages) {
      for (const field of ['dependencies', 'devDependencies'] as const) {
        const deps = p.data[field];
        if (!deps || typeof deps !== 'object') continue;
        for (const dep of Object.keys(deps)) {
          if (typeof name === 'string' ? dep === name : name.test(dep)) {
            out.push({ kind: 'file', file: p.file, line: lineOf(p.text, `"${dep}"`), note: `${dep} in ${field}` });
          }
        }
      }
    }
    return out;
  }

  /** Imports/requires of a module (or a module matching the pattern, subpaths included) in non-test sources. */
  imports(name: string | RegExp): Match[] {
    const map = this.importMap();
    const out: Match[] = [];
    for (const [mod, matches] of map) {
      const base = mod.startsWith('@') ? mod.split('/').slice(0, 2).join('/') : mod.split('/')[0]!;
      if (typeof name === 'string' ? base === name || mod === name : name.test(mod)) out.push(...matches);
    }
    return out;
  }

  /**
   * Lines matching `pattern` in the given files (non-test sources by default). `hint`, a plain
   * substring every match contains, lets most files be skipped without running the regex. With
   * `code: true`, comments of JavaScript/TypeScript files are left out (`// app.use(helmet())` is
   * not a use). Match texts are redacted: they go into reports.
   */
  grep(pattern: RegExp, hint: string, files: string[] = this.sourceFiles, limit = 20, opts: { code?: boolean } = {}): Match[] {
    const out: Match[] = [];
    const flags = pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g';
    for (const file of files) {
      const raw = this.read(file);
      if (raw === null || !raw.includes(hint)) continue;
      const text = opts.code && SOURCE.test(file) ? stripComments(raw) : raw;
      const re = new RegExp(pattern.source, flags.includes('m') ? flags : flags + 'm');
      let last = 0;
      for (const m of text.matchAll(re)) {
        const line = lineAt(text, m.index);
        // One piece of evidence per line, however many matches it holds.
        if (line === last) continue;
        last = line;
        out.push({ file, line, text: redactSecrets(m[0].length > 2000 ? m[0].slice(0, 2000) : m[0]).slice(0, 160) });
        if (out.length >= limit) return out;
      }
    }
    return out;
  }

  private importMap(): Map<string, Match[]> {
    if (this.importsCache) return this.importsCache;
    const map = new Map<string, Match[]>();
    for (const file of this.sourceFiles) {
      const raw = this.read(file);
      if (raw === null || (!raw.includes('import') && !raw.includes('require'))) continue;
      // Commented-out imports are not imports.
      const text = stripComments(raw);
      for (const m of text.matchAll(IMPORT)) {
        const mod = m[1]!;
        if (mod.startsWith('.') || mod.startsWith('/')) continue;
        const name = mod.replace(/^node:/, '');
        const list = map.get(name) ?? [];
        list.push({ file, line: lineAt(text, m.index), text: m[0] });
        map.set(name, list);
      }
    }
    return (this.importsCache = map);
  }
}

export function fileEvidence(m: Match, note?: string): Evidence {
  return { kind: 'file', file: m.file, line: m.line, note: note ?? m.text.trim() };
}

export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function lineOf(text: string, needle: string): number | null {
  const i = text.indexOf(needle);
  return i === -1 ? null : lineAt(text, i);
}

function depth(file: string): number {
  return file.split('/').length;
}

export const baseName = (file: string) => path.posix.basename(file);
