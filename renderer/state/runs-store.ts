import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput } from '../../preload/contract.ts';
import type { RunDetail, RunPlan, RunSummary } from '../../preload/schemas/recovery.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';
import { AUDIT_LIMIT, mergeRuns, newerRun, type RunFilter } from './run-list.ts';
import { appendOutput, EMPTY_OUTPUT, type RunOutput } from './run-output.ts';

export interface RunsState {
  /** The audit log as filtered, newest first. */
  filter: RunFilter;
  runs: readonly RunSummary[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  setFilter(filter: RunFilter): void;
  /** The newest summary of every run seen here (started here, listed, or announced), by id. */
  known: ReadonlyMap<number, RunSummary>;
  /** Live output by run id, from runOutput events; kept for the most recent runs only. */
  outputs: ReadonlyMap<number, RunOutput>;
  /** Runbook names by id, from every run seen: the audit filter offers these. */
  runbookNames: ReadonlyMap<string, string>;
  /** The last run this window started, per host and runbook (see runKey). */
  lastStarted: ReadonlyMap<string, number>;
  preview(input: MethodInput<'previewRunbook'>): Promise<RunPlan>;
  start(input: MethodInput<'startRunbook'>): Promise<RunSummary>;
  cancel(runId: number): Promise<RunSummary>;
  /** One run with its stored output, for the audit detail. */
  loadRun(runId: number): Promise<RunDetail>;
}

export const runKey = (hostId: number, runbookId: string): string => `${hostId}\n${runbookId}`;

/** How many runs keep their live output, and how many summaries are remembered, before the oldest go. */
const KEEP_OUTPUTS = 20;
const KEEP_KNOWN = 500;

function remember(known: ReadonlyMap<number, RunSummary>, runs: readonly RunSummary[]): Map<number, RunSummary> {
  const next = new Map(known);
  for (const run of runs) {
    const kept = newerRun(next.get(run.id), run);
    next.delete(run.id);
    next.set(run.id, kept);
  }
  // Map order is insertion order: the first entries are the ones touched longest ago.
  for (const id of next.keys()) {
    if (next.size <= KEEP_KNOWN) break;
    next.delete(id);
  }
  return next;
}

function nameRunbooks(names: ReadonlyMap<string, string>, runs: readonly RunSummary[]): ReadonlyMap<string, string> {
  if (runs.every((r) => names.get(r.runbookId) === r.runbook)) return names;
  const next = new Map(names);
  for (const r of runs) next.set(r.runbookId, r.runbook);
  return next;
}

/**
 * Runbook runs: the filtered audit log (listRuns, then runChanged merged by id) and the live output
 * of running ones (runOutput). Output can arrive before startRunbook has even answered with the
 * run's id, so it is kept by run id for whichever run it belongs to.
 */
export function createRunsStore(client: PhotonClient): { store: StoreApi<RunsState>; dispose(): void } {
  // Runs announced since the newest listRuns started; null when none is in flight.
  let replay: RunSummary[] | null = null;

  const store = createStore<RunsState>()((set, get) => ({
    filter: {},
    runs: [],
    status: 'loading',
    error: null,
    known: new Map(),
    outputs: new Map(),
    runbookNames: new Map(),
    lastStarted: new Map(),
    async reload() {
      const mine: RunSummary[] = [];
      replay = mine;
      const filter = get().filter;
      try {
        const list = await client.listRuns({ ...filter, limit: AUDIT_LIMIT });
        if (replay !== mine) return;
        set((s) => ({
          runs: mergeRuns(mergeRuns([], list, filter), mine, filter),
          known: remember(s.known, list.filter((r) => s.known.has(r.id))),
          runbookNames: nameRunbooks(s.runbookNames, list),
          status: 'ready',
          error: null,
        }));
      } catch (err) {
        if (replay === mine) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      } finally {
        if (replay === mine) replay = null;
      }
      await refreshRunning();
    },
    setFilter(filter) {
      set({ filter, runs: [], status: 'loading' });
      void get().reload();
    },
    preview: (input) => client.previewRunbook(input),
    async start(input) {
      const run = await client.startRunbook(input);
      receive([run]);
      set((s) => ({ lastStarted: new Map(s.lastStarted).set(runKey(input.hostId, input.runbookId), run.id) }));
      return get().known.get(run.id) ?? run;
    },
    async cancel(runId) {
      const run = await client.cancelRun({ runId });
      receive([run]);
      return run;
    },
    loadRun: (runId) => client.getRun({ runId }),
  }));

  /**
   * A run that finished while the link was down never sent its runChanged here; the ones this
   * window still shows as running are asked for once (the audit list above covers the rest).
   */
  const refreshRunning = async () => {
    const { known, runs } = store.getState();
    const listed = new Set(runs.map((r) => r.id));
    const stuck = [...known.values()].filter((r) => r.status === 'running' && !listed.has(r.id));
    for (const run of stuck) {
      try {
        const { output: _output, outputTruncated: _truncated, ...summary } = await client.getRun({ runId: run.id });
        receive([summary]);
      } catch {
        // Gone or unreachable: the next reconnect or event settles it.
      }
    }
  };

  const receive = (runs: readonly RunSummary[]) => {
    replay?.push(...runs);
    store.setState((s) => ({
      runs: mergeRuns(s.runs, runs, s.filter),
      known: remember(s.known, runs),
      runbookNames: nameRunbooks(s.runbookNames, runs),
    }));
  };

  const stopChanges = client.subscribe('runChanged', ({ run }) => receive([run]));
  const stopOutput = client.subscribe('runOutput', ({ chunks }) => {
    store.setState((s) => {
      const outputs = new Map(s.outputs);
      for (const c of chunks) {
        const before = outputs.get(c.runId) ?? EMPTY_OUTPUT;
        outputs.delete(c.runId);
        outputs.set(c.runId, appendOutput(before, c.stream, c.text));
      }
      for (const id of outputs.keys()) {
        if (outputs.size <= KEEP_OUTPUTS) break;
        outputs.delete(id);
      }
      return { outputs };
    });
  });
  // Output sent while the link is down is lost for good; the pane says so instead of looking complete.
  const stopGapWatch = client.onConnectionChange((state) => {
    if (state === 'live' || state === 'connecting') return;
    store.setState((s) => {
      const running = [...s.outputs.keys()].filter((id) => (s.known.get(id)?.status ?? 'running') === 'running');
      if (running.length === 0) return {};
      const outputs = new Map(s.outputs);
      for (const id of running) outputs.set(id, { ...outputs.get(id)!, gap: true });
      return { outputs };
    });
  });
  return loadAndResync(client, store, [stopChanges, stopOutput, stopGapWatch]);
}
