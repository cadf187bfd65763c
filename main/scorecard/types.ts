import type { Category, CheckStatus, Effort, Evidence, Risk, Tier } from '../../preload/schemas/scorecard.ts';
import type { LiveEvidence } from './evidence/live-evidence.ts';
import type { EvidenceProviders } from './evidence/providers.ts';
import type { RepoFacts } from './evidence/repo-facts.ts';
import type { EnvTemplate } from './evidence/env-templates.ts';
import type { DockerFacts } from './evidence/docker.ts';

export interface CheckOutcome {
  status: CheckStatus;
  reason: string;
  evidence: Evidence[];
}

/** Everything a check may look at; collected once per assessment. */
export interface CheckContext {
  facts: RepoFacts;
  envTemplates: EnvTemplate[];
  docker: DockerFacts | null;
  live: LiveEvidence;
  providers: EvidenceProviders;
  /** Budgets of the costlier checks; the defaults apply when absent. */
  limits?: CheckLimits;
}

export interface CheckLimits {
  /** Total bytes the secret scan (sec.no-secrets-in-code) reads. */
  secretScanBytes?: number;
}

export type Criterion = (ctx: CheckContext) => CheckOutcome;

/** One check, declared as data: what it is, how much it matters, how it is decided and how to fix it. */
export interface CheckDefinition {
  id: string;
  category: Category;
  title: string;
  risk: Risk;
  source: 'static' | 'live';
  /** The lowest tier that requires it. */
  requiredFrom: Tier;
  effort: Effort;
  remediation: string;
  criterion: Criterion;
}

export const pass = (reason: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'pass', reason, evidence });
export const fail = (reason: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'fail', reason, evidence });
export const unknown = (reason: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'unknown', reason, evidence });
export const notApplicable = (reason: string, evidence: Evidence[] = []): CheckOutcome => ({ status: 'not_applicable', reason, evidence });
