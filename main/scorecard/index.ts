import { EvidenceProviderRegistry } from './evidence/provider-registry.ts';
import { scorecardHandlers, type ScorecardDeps } from './handlers.ts';
import { scorecardErrors } from './scorecard-contract-errors.ts';

export { EvidenceProviderRegistry } from './evidence/provider-registry.ts';
export { assessRepository } from './assess.ts';
export { BACKUPS_PROVIDER, type EvidenceProvider } from './evidence/providers.ts';
export { NotADirectoryError } from './evidence/walk-repository.ts';
export { renderReport } from './report/render.ts';

/** Readiness assessments with their history; other capabilities plug evidence in through `evidence`. */
export function createScorecard(deps: Omit<ScorecardDeps, 'providers'>) {
  const evidence = new EvidenceProviderRegistry();
  return { service: evidence, handlers: scorecardHandlers({ ...deps, providers: evidence }), errors: scorecardErrors };
}
