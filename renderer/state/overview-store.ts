import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Overview } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { resyncOnReconnect } from './resync-on-reconnect.ts';
import { throttle } from './throttle.ts';

/** Results arrive every second or so; the overview summarises them and need not redraw faster. */
export const OVERVIEW_REFRESH_MS = 1_000;

export interface OverviewState {
  /** null: all projects. */
  projectId: string | null;
  /** The overview of `projectId`, or null until its first answer. */
  overview: Overview | null;
  error: ApiError | null;
  select(projectId: string | null): void;
  refresh(): Promise<void>;
  /** Called by the view while it is shown; events refresh the overview only while someone watches. */
  watch(): () => void;
}

/**
 * The Overview is computed by the core (getOverview), so it is re-read rather than patched: after
 * monitor or loop events, at most once per OVERVIEW_REFRESH_MS, and only while the view is open.
 */
export function createOverviewStore(client: PhotonClient): { store: StoreApi<OverviewState>; dispose(): void } {
  let watchers = 0;
  // Only the newest request may answer: a slow read for the previous project must not land.
  let latest = 0;

  const store = createStore<OverviewState>()((set, get) => ({
    projectId: null,
    overview: null,
    error: null,
    select(projectId) {
      if (projectId === get().projectId) return;
      set({ projectId, overview: null, error: null });
      void get().refresh();
    },
    async refresh() {
      const request = ++latest;
      const projectId = get().projectId;
      try {
        const overview = await client.getOverview(projectId === null ? {} : { projectId });
        if (request === latest) set({ overview, error: null });
      } catch (err) {
        if (request === latest) set({ error: toApiError(err) });
      }
    },
    watch() {
      watchers += 1;
      void get().refresh();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        watchers -= 1;
        if (watchers === 0) refresh.cancel();
      };
    },
  }));

  const refresh = throttle(() => void store.getState().refresh(), OVERVIEW_REFRESH_MS);
  const onChange = () => {
    if (watchers > 0) refresh.call();
  };
  const stops = [
    client.subscribe('monitorsUpdated', onChange),
    client.subscribe('monitorRemoved', onChange),
    client.subscribe('loopsChanged', onChange),
    resyncOnReconnect(client, onChange),
  ];

  return {
    store,
    dispose() {
      refresh.cancel();
      stops.forEach((stop) => stop());
    },
  };
}
