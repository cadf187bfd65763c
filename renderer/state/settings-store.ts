import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, Settings } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface SettingsState {
  settings: Settings | null;
  error: ApiError | null;
  reload(): Promise<void>;
  /** Resolves when the core saved the patch, throws ApiError otherwise; `settings` follows from settingsChanged. */
  update(patch: MethodInput<'updateSettings'>): Promise<void>;
}

/** Settings as the core holds them: read once, then kept current by settingsChanged. */
export function createSettingsStore(client: PhotonClient): { store: StoreApi<SettingsState>; dispose(): void } {
  let generation = 0;

  const store = createStore<SettingsState>()((set) => ({
    settings: null,
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const settings = await client.getSettings({});
        if (startedAt === generation) set({ settings, error: null });
      } catch (err) {
        if (startedAt === generation) set({ error: toApiError(err) });
      }
    },
    async update(patch) {
      await client.updateSettings(patch);
    },
  }));

  const unsubscribe = client.subscribe('settingsChanged', (settings) => {
    generation += 1;
    store.setState({ settings, error: null });
  });
  return loadAndResync(client, store, [unsubscribe]);
}
