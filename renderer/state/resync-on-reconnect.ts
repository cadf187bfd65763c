import type { StoreApi } from 'zustand/vanilla';
import type { PhotonClient } from '../api/client.ts';

/**
 * Calls `reload` each time the live-update link comes (back) up. Events sent while it was down are
 * lost, and the first connection may open after the initial load, so either way the state could be
 * behind until the next change; one fresh read closes that gap. This is not polling: nothing runs
 * while the link stays up.
 */
export function resyncOnReconnect(client: PhotonClient, reload: () => void): () => void {
  let wasDown = false;
  return client.onConnectionChange((state) => {
    if (state === 'live' && wasDown) reload();
    wasDown = state !== 'live';
  });
}

/**
 * How a store that reads from the core finishes its setup: the first load now, a fresh one after
 * every reconnect, and a dispose that ends those and the store's own event subscriptions.
 */
export function loadAndResync<S extends { reload(): Promise<void> }>(
  client: PhotonClient,
  store: StoreApi<S>,
  unsubscribes: ReadonlyArray<() => void>,
): { store: StoreApi<S>; dispose(): void } {
  const stopResync = resyncOnReconnect(client, () => void store.getState().reload());
  void store.getState().reload();

  return {
    store,
    dispose() {
      for (const unsubscribe of unsubscribes) unsubscribe();
      stopResync();
    },
  };
}
