import path from 'node:path';
import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  type Category,
  type CheckReport,
  type Configuration,
  type ScorecardProgress,
  type Tier,
} from '../../preload/schemas/scorecard.ts';
import { APP_VERSION } from '../core/version.ts';
import { readPhotonYml } from '../project-config/index.ts';
import { readDockerfile, type DockerFacts } from './evidence/docker.ts';
import { findDeployTargets } from './evidence/deploy-targets.ts';
import { readEnvTemplates, type EnvTemplate } from './evidence/env-templates.ts';
import { trackedEnvFiles } from './evidence/git-tracked.ts';
import { noLiveEvidence, type LiveEvidence } from './evidence/live-evidence.ts';
import { collectProviders, type EvidenceProvider } from './evidence/providers.ts';
import { RepoFacts } from './evidence/repo-facts.ts';
import { redactSecrets } from './evidence/secret-detection.ts';
import { walkRepository } from './evidence/walk-repository.ts';
import { ALL_CHECKS } from './rules/index.ts';
import { levelOf, overallScore, RISK_WEIGHT, scoreCategories, tierReached } from './scoring.ts';
import { DEFAULT_TIER, requiredAt, targetsFor } from './tiers.ts';
import { unknown, type CheckDefinition, type CheckLimits, type CheckOutcome } from './types.ts';
import { errorMessage } from '../core/error-message.ts';

export interface AssessOptions {
  tier?: Tier;
  targets?: Partial<Record<Category, number>>;
  live?: LiveEvidence;
  providers?: readonly EvidenceProvider[];
  projectId?: string | null;
  /** Declared environment facts; when absent they are read from <repo>/photon.yml if there is one. */
  declared?: { facts: Record<string, string>; source: string | null } | null;
  checks?: readonly CheckDefinition[];
  /** Budgets of the costlier checks (tests make them small). */
  limits?: CheckLimits;
  onProgress?: (p: Omit<ScorecardProgress, 'projectId'>) => void;
  now?: () => number;
}

type Progress = NonNullable<AssessOptions['onProgress']>;

/**
 * Assesses one repository: walks it, collects evidence, runs every check and scores the result.
 * Pure core: no database, no Electron, no network except what `live` already measured. Throws only
 * when the directory itself cannot be read (NotADirectoryError).
 */
export async function assessRepository(repoDir: string, options: AssessOptions = {}): Promise<Assessment> {
  const now = options.now ?? Date.now;
  const started = performance.now();
  const progress: Progress = options.onProgress ?? (() => {});
  const tier = options.tier ?? DEFAULT_TIER;
  const root = path.resolve(repoDir);

  progress({ phase: 'walking', done: 0, total: null, message: `Walking ${root}` });
  const walk = await walkRepository(root, (files) => progress({ phase: 'walking', done: files, total: null, message: `${files} files found` }));
  const facts = new RepoFacts(walk);
  facts.trackedEnvFiles = await trackedEnvFiles(root);
  const envTemplates = readEnvTemplates(facts);
  const docker = readDockerfile(facts);
  const live = options.live ?? noLiveEvidence(now());
  const providers = await collectProviders(options.providers ?? [], { repoDir: root, projectId: options.projectId ?? null, now: now() });
  const ctx = { facts, envTemplates, docker, live, providers, limits: options.limits };
  const declared = options.declared !== undefined ? options.declared : declaredInRepo(facts);

  const definitions = options.checks ?? ALL_CHECKS;
  const checks: CheckReport[] = [];
  for (const [i, def] of definitions.entries()) {
    checks.push(report(def, run(def, ctx), tier));
    if (i % 8 === 7 || i === definitions.length - 1) {
      progress({ phase: 'checking', done: i + 1, total: definitions.length, message: `${i + 1} of ${definitions.length} checks` });
      await new Promise((r) => setImmediate(r));
    }
  }
  const categories = scoreCategories(checks, targetsFor(tier, options.targets));
  const score = overallScore(categories);
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    tool: { name: 'photon-console', version: APP_VERSION },
    repository: root,
    assessedAt: new Date(now()).toISOString(),
    tier,
    overall: { score, level: levelOf(score), tierReached: tierReached(checks), counts: countStatuses(checks) },
    categories,
    checks,
    declared: declared && { ...declared, facts: Object.fromEntries(Object.entries(declared.facts).map(([k, v]) => [k, redactSecrets(v)])) },
    configuration: configuration(facts, envTemplates, docker),
    // Problems may quote the repository (a parser's message): they are redacted like evidence.
    walk: { files: walk.files.length, bytesRead: walk.bytesRead(), durationMs: Math.round(performance.now() - started), problems: walk.problems.map((p) => ({ path: p.path, problem: redactSecrets(p.problem) })) },
  };
}

/** The environment section of the repository's photon.yml, if it has one that parses. */
function declaredInRepo(facts: RepoFacts): Assessment['declared'] {
  if (!facts.walk.has('photon.yml')) return null;
  const text = facts.read('photon.yml');
  if (text === null) return null;
  const config = readPhotonYml(text, 'photon.yml');
  for (const p of config.problems.slice(0, 3)) facts.walk.problems.push({ path: 'photon.yml', problem: `line ${p.line}: ${p.message}` });
  if (!config.environment) return null;
  const entries = Object.entries(config.environment).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? { source: 'photon.yml', facts: Object.fromEntries(entries) } : null;
}

function countStatuses(checks: CheckReport[]) {
  const n = (s: CheckReport['status']) => checks.filter((c) => c.status === s).length;
  return { pass: n('pass'), fail: n('fail'), unknown: n('unknown'), not_applicable: n('not_applicable'), total: checks.length };
}

function run(def: CheckDefinition, ctx: Parameters<CheckDefinition['criterion']>[0]): CheckOutcome {
  try {
    return def.criterion(ctx);
  } catch (err) {
    // One broken rule must not sink the assessment; it shows as unknown with the reason.
    return unknown(`the check failed to run: ${errorMessage(err)}`);
  }
}

function report(def: CheckDefinition, outcome: CheckOutcome, tier: Tier): CheckReport {
  return {
    id: def.id,
    category: def.category,
    title: def.title,
    risk: def.risk,
    weight: RISK_WEIGHT[def.risk],
    source: def.source,
    status: outcome.status,
    reason: redactSecrets(outcome.reason),
    evidence: outcome.evidence.map((e) => ({ ...e, note: redactSecrets(e.note) })),
    remediation: def.remediation,
    effort: def.effort,
    requiredFrom: def.requiredFrom,
    required: requiredAt(def.requiredFrom, tier),
  };
}

function configuration(facts: RepoFacts, envTemplates: EnvTemplate[], docker: DockerFacts | null): Configuration {
  const root = facts.rootPackage ?? facts.packages[0] ?? null;
  const count = (o: unknown) => (o && typeof o === 'object' ? Object.keys(o).length : 0);
  const ws = root?.data.workspaces;
  const workspaces = Array.isArray(ws) ? ws.map(String) : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages.map(String) : [];
  const lockfile = facts.find(/^(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$/)[0] ?? null;
  return {
    packageJson: root?.file ?? null,
    nodeEngine: typeof root?.data.engines?.node === 'string' ? root.data.engines.node : null,
    dependencies: root ? count(root.data.dependencies) : null,
    devDependencies: root ? count(root.data.devDependencies) : null,
    workspaces,
    scripts: Object.fromEntries(
      Object.entries(root?.data.scripts ?? {})
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([name, command]) => [name, redactSecrets(command)]),
    ),
    lockfile,
    docker: docker ? { file: docker.file, baseImages: docker.from.map((f) => redactSecrets(f.image)), user: docker.user?.name ?? null, healthcheck: docker.healthcheck !== null } : null,
    deployTargets: findDeployTargets(facts),
    envTemplates,
  };
}
