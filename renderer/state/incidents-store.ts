import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Incident } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

/** The core announces its 20 newest incidents; the first read asks for more, and this many are kept. */
const KEEP = 100;

export interface IncidentsState {
  /** Newest first. */
  incidents: readonly Incident[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
}

function merge(current: readonly Incident[], incoming: readonly Incident[]): Incident[] {
  const byId = new Map(current.map((i) => [i.id, i]));
  for (const i of incoming) byId.set(i.id, i);
  return [...byId.values()].sort((a, b) => b.openedAt - a.openedAt || b.id - a.id).slice(0, KEEP);
}

/** Recent incidents across all monitors: listIncidents once, then incidentsChanged merged by id. */
export function createIncidentsStore(client: PhotonClient): { store: StoreApi<IncidentsState>; dispose(): void } {
  let generation = 0;
  const store = createStore<IncidentsState>()((set) => ({
    incidents: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const incidents = await client.listIncidents({ limit: KEEP });
        // Events hold complete incidents, so a read older than one only has to be merged under it.
        set((s) => ({ incidents: startedAt === generation ? merge([], incidents) : merge(incidents, s.incidents), status: 'ready', error: null }));
      } catch (err) {
        set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
  }));

  const stopChanges = client.subscribe('incidentsChanged', ({ incidents }) => {
    generation += 1;
    store.setState((s) => ({ incidents: merge(s.incidents, incidents) }));
  });
  // A removed monitor takes its incidents with it.
  const stopRemovals = client.subscribe('monitorRemoved', ({ id }) => {
    store.setState((s) => ({ incidents: s.incidents.filter((i) => i.monitorId !== id) }));
  });
  return loadAndResync(client, store, [stopChanges, stopRemovals]);
}
