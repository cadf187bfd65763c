import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../../preload/contract.ts';
import { toApiError, type ApiError, type ConnectionState, type PhotonClient } from '../api/client.ts';
import { pathFromHash, viewFromHash, type ViewId } from './views.ts';

export interface AppState {
  view: ViewId;
  /** The whole route after `#/`, for views with sub-pages such as a monitor's detail. */
  path: string;
  appInfo: AppInfo | null;
  appInfoError: ApiError | null;
  connection: ConnectionState;
  reloadAppInfo(): Promise<void>;
}

/** Which view is shown (mirrors location.hash, so a reload keeps it), what the core says about itself, and the live-update link. */
export function createAppStore(client: PhotonClient, win: Window = window): { store: StoreApi<AppState>; dispose(): void } {
  const store = createStore<AppState>()((set) => ({
    view: viewFromHash(win.location.hash),
    path: pathFromHash(win.location.hash),
    appInfo: null,
    appInfoError: null,
    connection: 'connecting',
    async reloadAppInfo() {
      try {
        set({ appInfo: await client.getAppInfo({}), appInfoError: null });
      } catch (err) {
        set({ appInfoError: toApiError(err) });
      }
    },
  }));

  const onHashChange = () => store.setState({ view: viewFromHash(win.location.hash), path: pathFromHash(win.location.hash) });
  win.addEventListener('hashchange', onHashChange);
  const stopWatchingLink = client.onConnectionChange((connection) => store.setState({ connection }));
  void store.getState().reloadAppInfo();

  return {
    store,
    dispose() {
      win.removeEventListener('hashchange', onHashChange);
      stopWatchingLink();
    },
  };
}
