import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DesktopNotification } from '../../preload/schemas/alerts.ts';
import type { PhotonClient } from '../api/client.ts';

const KEEP = 5;

export interface NotificationsState {
  /** Newest first; shown as toasts until dismissed. */
  shown: readonly DesktopNotification[];
  /** The browser's Notification permission (serve mode); null inside Electron, which notifies natively. */
  permission: NotificationPermission | 'unsupported' | null;
  dismiss(alertId: number): void;
  requestPermission(): Promise<void>;
}

/**
 * Alerts sent to a "desktop" channel. Inside Electron the main process already shows a system
 * notification, so the page only lists them; in a browser on `photon serve` they are also passed to
 * the browser's Notification API once the person has allowed it.
 */
export function createNotificationsStore(client: PhotonClient, win: Window = window): { store: StoreApi<NotificationsState>; dispose(): void } {
  const candidate = (win as Window & { Notification?: typeof Notification }).Notification;
  const browserApi = client.transport === 'http' && candidate ? candidate : null;
  const store = createStore<NotificationsState>()((set) => ({
    shown: [],
    permission: client.transport === 'electron' ? null : browserApi ? browserApi.permission : 'unsupported',
    dismiss: (alertId) => set((s) => ({ shown: s.shown.filter((n) => n.alertId !== alertId) })),
    async requestPermission() {
      if (!browserApi) return;
      set({ permission: await browserApi.requestPermission() });
    },
  }));
  const stop = client.subscribe('desktopNotification', (n) => {
    store.setState((s) => ({ shown: [n, ...s.shown.filter((x) => x.alertId !== n.alertId)].slice(0, KEEP) }));
    if (browserApi && browserApi.permission === 'granted') new browserApi(n.title, { body: n.body, tag: `photon-alert-${n.alertId}` });
  });
  return { store, dispose: stop };
}
