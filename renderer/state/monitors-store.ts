import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, MethodResult, MonitorDetail, MonitorSummary, Series } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { collectionFrom, EMPTY_COLLECTION, mergeMonitors, removeMonitor, type MonitorCollection } from './monitor-collection.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface MonitorsState {
  collection: MonitorCollection;
  /** 'loading' only until the first list arrives; later failures keep the last list and set `error`. */
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  /** Mutations resolve when the core accepted them and throw ApiError otherwise; the list follows from events. */
  save(input: MethodInput<'saveMonitor'>): Promise<MonitorSummary>;
  remove(id: number): Promise<void>;
  setPaused(id: number, paused: boolean): Promise<void>;
  importConfig(projectId: string): Promise<MethodResult<'importProjectConfig'>>;
  /** Reads for the detail page, which keeps what they return itself: one monitor's history is not list state. */
  loadDetail(id: number): Promise<MonitorDetail>;
  loadSeries(id: number, range: Series['range']): Promise<Series>;
}

type Change = { updated: readonly MonitorSummary[] } | { removed: number };

const apply = (col: MonitorCollection, change: Change, skipOlder = false): MonitorCollection =>
  'removed' in change ? removeMonitor(col, change.removed) : mergeMonitors(col, change.updated, { skipOlder });

/**
 * All monitors, keyed by id: one listMonitors, then monitorsUpdated (only the changed ones, merged
 * by id) and monitorRemoved. Because events are deltas, a list read cannot simply win or lose
 * against them: the changes that arrive while it is in flight are replayed on top of it.
 */
export function createMonitorsStore(client: PhotonClient): { store: StoreApi<MonitorsState>; dispose(): void } {
  // Changes seen since the newest listMonitors started; null when none is in flight.
  let replay: Change[] | null = null;

  const store = createStore<MonitorsState>()((set) => ({
    collection: EMPTY_COLLECTION,
    status: 'loading',
    error: null,
    async reload() {
      const mine: Change[] = [];
      replay = mine;
      try {
        const list = await client.listMonitors({});
        if (replay !== mine) return;
        const collection = mine.reduce((col, change) => apply(col, change, true), collectionFrom(list));
        set({ collection, status: 'ready', error: null });
      } catch (err) {
        if (replay === mine) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      } finally {
        if (replay === mine) replay = null;
      }
    },
    save: (input) => client.saveMonitor(input),
    async remove(id) {
      await client.removeMonitor({ id });
    },
    async setPaused(id, paused) {
      await client.setMonitorPaused({ id, paused });
    },
    importConfig: (projectId) => client.importProjectConfig({ projectId }),
    loadDetail: (id) => client.getMonitor({ id }),
    loadSeries: (id, range) => client.getMonitorSeries({ id, range }),
  }));

  const receive = (change: Change) => {
    replay?.push(change);
    store.setState((s) => ({ collection: apply(s.collection, change) }));
  };
  const stopUpdates = client.subscribe('monitorsUpdated', ({ monitors }) => receive({ updated: monitors }));
  const stopRemovals = client.subscribe('monitorRemoved', ({ id }) => receive({ removed: id }));
  return loadAndResync(client, store, [stopUpdates, stopRemovals]);
}
