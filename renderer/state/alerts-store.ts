import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Alert, AlertChannel, AlertDelivery, AlertPolicyShape } from '../../preload/schemas/alerts.ts';
import type { MaintenanceWindow } from '../../preload/schemas/maintenance.ts';
import type { MethodInput, MethodResult } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface AlertsState {
  channels: readonly AlertChannel[];
  /** Newest first, with deliveries and every attempt. */
  alerts: readonly Alert[];
  policy: AlertPolicyShape | null;
  windows: readonly MaintenanceWindow[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  saveChannel(input: MethodInput<'saveAlertChannel'>): Promise<AlertChannel>;
  removeChannel(id: number): Promise<void>;
  testChannel(id: number): Promise<AlertDelivery>;
  updatePolicy(policy: AlertPolicyShape): Promise<void>;
  saveWindow(input: MethodInput<'saveMaintenanceWindow'>): Promise<MaintenanceWindow>;
  removeWindow(id: number): Promise<void>;
  /** For a monitor's charts: the maintenance occurrences covering it within a range. */
  loadMaintenance(monitorId: number, range: MethodInput<'getMonitorMaintenance'>['range']): Promise<MethodResult<'getMonitorMaintenance'>>;
}

/** Channels, the delivery log, the alert policy and maintenance windows: read once, then kept by events. */
export function createAlertsStore(client: PhotonClient): { store: StoreApi<AlertsState>; dispose(): void } {
  // One counter per list: an event for one list must not discard what a read returned for the others.
  const gen = { channels: 0, alerts: 0, windows: 0 };
  const store = createStore<AlertsState>()((set) => ({
    channels: [],
    alerts: [],
    policy: null,
    windows: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = { ...gen };
      try {
        const [channels, alerts, policy, windows] = await Promise.all([
          client.listAlertChannels({}),
          client.listAlerts({ limit: 50 }),
          client.getAlertPolicy({}),
          client.listMaintenanceWindows({}),
        ]);
        // An event that arrived during the read is newer than what the read returned for its list.
        set({
          ...(startedAt.channels === gen.channels && { channels }),
          ...(startedAt.alerts === gen.alerts && { alerts }),
          ...(startedAt.windows === gen.windows && { windows }),
          policy,
          status: 'ready',
          error: null,
        });
      } catch (err) {
        set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
    // Changes come back as events (alertChannelsChanged, maintenanceChanged, alertsChanged).
    saveChannel: (input) => client.saveAlertChannel(input),
    async removeChannel(id) {
      await client.removeAlertChannel({ id });
    },
    testChannel: async (id) => (await client.testAlertChannel({ id })).delivery,
    async updatePolicy(policy) {
      set({ policy: await client.updateAlertPolicy(policy) });
    },
    saveWindow: (input) => client.saveMaintenanceWindow(input),
    async removeWindow(id) {
      await client.removeMaintenanceWindow({ id });
    },
    loadMaintenance: (monitorId, range) => client.getMonitorMaintenance({ id: monitorId, range }),
  }));
  const stops = [
    client.subscribe('alertsChanged', ({ alerts }) => {
      gen.alerts += 1;
      store.setState({ alerts });
    }),
    client.subscribe('alertChannelsChanged', ({ channels }) => {
      gen.channels += 1;
      store.setState({ channels });
    }),
    client.subscribe('maintenanceChanged', ({ windows }) => {
      gen.windows += 1;
      store.setState({ windows });
    }),
  ];
  return loadAndResync(client, store, stops);
}
