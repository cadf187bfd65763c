import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackupActivity, BackupStatus, DbBackup, RemoteRun, RemoteTarget } from '../../preload/schemas/backups.ts';
import type { MethodInput } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface BackupsState {
  backups: BackupStatus | null;
  /** Transfers in progress, from backupProgress events. */
  running: readonly BackupActivity[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  runNow(): Promise<DbBackup>;
  updateConfig(config: MethodInput<'updateBackupConfig'>): Promise<void>;
  restore(id: number, confirmName: string): Promise<string>;
  cancelRestore(): Promise<void>;
  saveRemote(input: MethodInput<'saveRemoteBackupTarget'>): Promise<RemoteTarget>;
  runRemote(id: number): Promise<RemoteRun>;
  removeRemote(id: number): Promise<void>;
}

/** Backup status: getBackupStatus once, then backupsChanged (the whole status) and backupProgress. */
export function createBackupsStore(client: PhotonClient): { store: StoreApi<BackupsState>; dispose(): void } {
  let generation = 0;
  const store = createStore<BackupsState>()((set) => ({
    backups: null,
    running: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const backups = await client.getBackupStatus({});
        if (startedAt === generation) set({ backups, running: backups.running, status: 'ready', error: null });
      } catch (err) {
        set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
    // Results come back as backupsChanged events; the calls return what the caller shows at once.
    runNow: () => client.runBackupNow({}),
    async updateConfig(config) {
      await client.updateBackupConfig(config);
    },
    restore: async (id, confirmName) => (await client.restoreBackup({ id, confirmName })).message,
    async cancelRestore() {
      await client.cancelPendingRestore({});
    },
    saveRemote: (input) => client.saveRemoteBackupTarget(input),
    runRemote: (id) => client.runRemoteBackupNow({ id }),
    async removeRemote(id) {
      await client.removeRemoteBackupTarget({ id });
    },
  }));
  const stops = [
    client.subscribe('backupsChanged', (backups) => {
      generation += 1;
      store.setState({ backups, running: backups.running, status: 'ready', error: null });
    }),
    client.subscribe('backupProgress', ({ running }) => store.setState({ running })),
  ];
  return loadAndResync(client, store, stops);
}
