import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import { fileEvidence, type Match, type RepoFacts } from '../evidence/repo-facts.ts';
import { redactSecrets } from '../evidence/secret-detection.ts';
import { fail, notApplicable, pass, type CheckContext, type CheckOutcome, type Criterion } from '../types.ts';

/** Building blocks the rule files declare their pass criteria with. */

export type ModuleName = string | RegExp;

const MAX_EVIDENCE = 5;
const label = (m: ModuleName) => (typeof m === 'string' ? m : `${m.source.replace(/^\^|\\|\(\?:|\)/g, '').replace(/\|/g, '/')}…`);

export function importsOf(facts: RepoFacts, modules: readonly ModuleName[]): Match[] {
  return modules.flatMap((m) => facts.imports(m));
}

export function declaredOf(facts: RepoFacts, modules: readonly ModuleName[]): Evidence[] {
  return modules.flatMap((m) => facts.declared(m));
}

export const evidenceOf = (matches: Match[], note?: string): Evidence[] => matches.slice(0, MAX_EVIDENCE).map((m) => fileEvidence(m, note));

const filesIn = (matches: Match[]) => new Set(matches.map((m) => m.file)).size;

/** Passes when the sources import one of the modules; a dependency that is only listed fails. */
export function moduleUsed(what: string, modules: readonly ModuleName[]): Criterion {
  return ({ facts }) => {
    const used = importsOf(facts, modules);
    if (used.length > 0) return pass(`${what} imported in ${filesIn(used)} source file(s)`, evidenceOf(used));
    const listed = declaredOf(facts, modules);
    if (listed.length > 0) return fail(`${what} is listed in package.json but no source file imports it`, listed.slice(0, MAX_EVIDENCE));
    return fail(`no ${what} is imported (looked for ${modules.map(label).join(', ')})`);
  };
}

/** Passes when a file matching the pattern exists. */
export function fileExists(what: string, pattern: RegExp): Criterion {
  return ({ facts }) => {
    const found = facts.find(pattern);
    if (found.length > 0) return pass(`${what}: ${found.slice(0, 3).join(', ')}`, found.slice(0, MAX_EVIDENCE).map((file) => ({ kind: 'file', file, line: null, note: 'present' })));
    return fail(`no ${what} in the repository`);
  };
}

/** Not applicable to a repository without any package.json (the check is about npm projects). */
export function needsPackageJson(criterion: Criterion): Criterion {
  return (ctx) => (ctx.facts.packages.length === 0 ? notApplicable('no package.json in the repository') : criterion(ctx));
}

/** Not applicable unless one of the modules is imported. */
export function whenImported(what: string, modules: readonly ModuleName[], criterion: (ctx: CheckContext, uses: Match[]) => CheckOutcome): Criterion {
  return (ctx) => {
    const uses = importsOf(ctx.facts, modules);
    return uses.length === 0 ? notApplicable(`no ${what} imported`) : criterion(ctx, uses);
  };
}

/** Every script of every package.json, as "file#name" → command (secrets redacted: commands go into reports). */
export function allScripts(facts: RepoFacts): Array<{ file: string; name: string; command: string; line: number | null }> {
  return facts.packages.flatMap((p) =>
    Object.entries(p.data.scripts ?? {})
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([name, command]) => ({ file: p.file, name, command: redactSecrets(command), line: lineIn(p.text, `"${name}"`) })),
  );
}

function lineIn(text: string, needle: string): number | null {
  const i = text.indexOf(needle);
  return i === -1 ? null : text.slice(0, i).split('\n').length;
}

/** CI definition files of the common hosted systems. */
export const CI_FILES = /^(?:\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.circleci\/config\.yml|azure-pipelines\.yml|Jenkinsfile|\.travis\.yml|bitbucket-pipelines\.yml|\.drone\.yml|\.woodpecker\.ya?ml)$/;

/** Lines of CI files matching the pattern; fails (with a clear reason) when there is no CI at all. */
export function ciRuns(what: string, pattern: RegExp, hint: string): Criterion {
  return ({ facts }) => {
    const ci = facts.find(CI_FILES);
    if (ci.length === 0) return fail('no CI configuration (GitHub Actions, GitLab CI, CircleCI, …) in the repository');
    const hits = facts.grep(pattern, hint, ci);
    if (hits.length > 0) return pass(`CI runs ${what}`, evidenceOf(hits));
    return fail(`CI does not run ${what} (${ci.length} CI file(s) read)`, ci.slice(0, MAX_EVIDENCE).map((file) => ({ kind: 'file', file, line: null, note: `no ${what} step` })));
  };
}
