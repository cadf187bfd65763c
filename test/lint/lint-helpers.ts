// Lints code through ESLint's Node API with the repository's own config, so the tests see exactly
// what `npm run lint` sees.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(ROOT, 'test/fixtures/lint');

export interface Finding {
  ruleId: string | null;
  severity: number;
  message: string;
}

/** The exception lists of eslint.config.js, each with the option of buildConfig() it feeds and the rule it turns off. */
export const TODO_LISTS = [
  { name: 'LONG_FILES_TODO', option: 'longFiles', rule: 'max-lines' },
  { name: 'LONG_FUNCTIONS_TODO', option: 'longFunctions', rule: 'max-lines-per-function' },
  { name: 'DEEP_IMPORTS_TODO', option: 'deepImports', rule: 'photon/public-entry' },
  { name: 'BOUNDARY_TODO', option: 'boundaries', rule: 'import-x/no-restricted-paths' },
] as const;

type TodoOption = (typeof TODO_LISTS)[number]['option'];
type TodoName = (typeof TODO_LISTS)[number]['name'];

interface ConfigModule extends Record<TodoName, string[]> {
  buildConfig(lists?: Partial<Record<TodoOption, string[]>>): Linter.Config[];
}

/** eslint.config.js itself (plain JavaScript, so typed here by hand). */
export async function configModule(): Promise<ConfigModule> {
  return (await import(pathToFileURL(path.join(ROOT, 'eslint.config.js')).href)) as ConfigModule;
}

const withConfigFile = new ESLint({ cwd: ROOT });

const toFindings = (result: ESLint.LintResult | undefined): Finding[] =>
  (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, severity: m.severity, message: m.message }));

/** Lints `code` as if it were the file at `filePath` (relative to the repository; it need not exist). */
export async function lintAs(code: string, filePath: string): Promise<Finding[]> {
  const [result] = await withConfigFile.lintText(code, { filePath: path.join(ROOT, filePath) });
  return toFindings(result);
}

/** Lints real files where they lie, ignore patterns off (test/fixtures/lint is ignored by `npm run lint`). */
export async function lintInPlace(filePath: string): Promise<Finding[]> {
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const [result] = await eslint.lintFiles([path.join(ROOT, filePath)]);
  return toFindings(result);
}

/** A fixture's first line says where it is linted: `// linted as main/agents/lint-fixture.ts`. */
export function fixtureLocation(fixture: string): { code: string; at: string } {
  const code = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const at = /^\/\/ linted as (\S+)/.exec(code)?.[1];
  if (!at) throw new Error(`${fixture} does not start with "// linted as <path>"`);
  return { code, at };
}

/** The relative imports of `code` placed at `at` that name no existing file (a rule cannot fire on those). */
export function missingImports(code: string, at: string): string[] {
  const specifiers = [...code.matchAll(/from '(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.filter((s) => !fs.existsSync(path.join(ROOT, path.dirname(at), s)));
}

/**
 * Lints `files` with the real config but every exception list replaced by `lists` (empty by
 * default), and returns the rule ids each file breaks, keyed by its repository-relative path.
 */
export async function rulesBroken(files: string[], lists: Partial<Record<TodoOption, string[]>> = {}): Promise<Map<string, Set<string>>> {
  const { buildConfig } = await configModule();
  const none = { longFiles: [], longFunctions: [], deepImports: [], boundaries: [] };
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, baseConfig: buildConfig({ ...none, ...lists }) });
  const results = await eslint.lintFiles(files);
  return new Map(
    results.map((r) => [path.relative(ROOT, r.filePath).split(path.sep).join('/'), new Set(r.messages.map((m) => m.ruleId ?? 'parse error'))]),
  );
}

/** The entries of the exception lists whose file no longer breaks the rule it is excused from. */
export async function staleEntries(lists: Record<TodoName, string[]>): Promise<string[]> {
  const files = [...new Set(TODO_LISTS.flatMap((l) => lists[l.name]))];
  if (files.length === 0) return [];
  const broken = await rulesBroken(files);
  return TODO_LISTS.flatMap((l) =>
    lists[l.name].filter((f) => !broken.get(f)?.has(l.rule)).map((f) => `${f} is on ${l.name} but no longer breaks ${l.rule}: delete its line`),
  );
}
