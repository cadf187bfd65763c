import { overviewHandlers, type OverviewDeps } from './handlers.ts';

/** The Overview has no state of its own: it is built from the live snapshot when asked. */
export function createOverview(deps: OverviewDeps) {
  return { handlers: overviewHandlers(deps) };
}
