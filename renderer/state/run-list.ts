import type { RunSummary } from '../../preload/schemas/recovery.ts';

export interface RunFilter {
  hostId?: number;
  runbookId?: string;
  status?: RunSummary['status'];
  trigger?: RunSummary['trigger'];
}

export const AUDIT_LIMIT = 100;

export function matchesFilter(run: RunSummary, f: RunFilter): boolean {
  return (
    (f.hostId === undefined || run.hostId === f.hostId) &&
    (f.runbookId === undefined || run.runbookId === f.runbookId) &&
    (f.status === undefined || run.status === f.status) &&
    (f.trigger === undefined || run.trigger === f.trigger)
  );
}

/**
 * Of two summaries of one run, the one to keep. A run only ever goes from running to finished, so a
 * finished summary is never replaced by a running one that was sent (or read) before it finished.
 */
export function newerRun(current: RunSummary | undefined, incoming: RunSummary): RunSummary {
  if (current && current.status !== 'running' && incoming.status === 'running') return current;
  return incoming;
}

const newestFirst = (a: RunSummary, b: RunSummary) => b.startedAt - a.startedAt || b.id - a.id;

/** The audit list after `incoming` changed: merged by id when it matches the filter, dropped when it no longer does. */
export function mergeRuns(list: readonly RunSummary[], incoming: readonly RunSummary[], filter: RunFilter, limit = AUDIT_LIMIT): RunSummary[] {
  const byId = new Map(list.map((r) => [r.id, r]));
  for (const run of incoming) {
    const kept = newerRun(byId.get(run.id), run);
    if (matchesFilter(kept, filter)) byId.set(run.id, kept);
    else byId.delete(run.id);
  }
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}
