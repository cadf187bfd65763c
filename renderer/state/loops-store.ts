import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LoopHealth } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface LoopsState {
  loops: readonly LoopHealth[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
}

/** Health of the core's background loops: listLoops once, then every loopsChanged (always the full list). */
export function createLoopsStore(client: PhotonClient): { store: StoreApi<LoopsState>; dispose(): void } {
  let generation = 0;
  const store = createStore<LoopsState>()((set) => ({
    loops: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const loops = await client.listLoops({});
        if (startedAt === generation) set({ loops, status: 'ready', error: null });
      } catch (err) {
        if (startedAt === generation) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
  }));

  const stopChanges = client.subscribe('loopsChanged', ({ loops }) => {
    generation += 1;
    store.setState({ loops, status: 'ready', error: null });
  });
  return loadAndResync(client, store, [stopChanges]);
}
