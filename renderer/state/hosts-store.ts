import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, MethodResult } from '../../preload/contract.ts';
import type { HostKeyCheck, HostSummary, SshConfigRead } from '../../preload/schemas/hosts.ts';
import type { RunbookSummary } from '../../preload/schemas/recovery.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface HostsState {
  /** Sorted by name. */
  hosts: readonly HostSummary[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  /** Mutations resolve with the core's answer and throw ApiError otherwise; `hosts` follows from hostsChanged. */
  save(input: MethodInput<'saveHost'>): Promise<HostSummary>;
  remove(id: number): Promise<void>;
  readSshConfig(input: MethodInput<'readSshConfig'>): Promise<SshConfigRead>;
  importSshHosts(input: MethodInput<'importSshHosts'>): Promise<MethodResult<'importSshHosts'>>;
  checkHostKey(hostId: number): Promise<HostKeyCheck>;
  /** `fingerprint` is what the person typed; the core pins only if it is the key offered now. */
  pinHostKey(hostId: number, fingerprint: string): Promise<HostSummary>;
  /** Runbooks are read per host when a host is opened: no event announces them, so they are not list state. */
  listRunbooks(hostId: number): Promise<RunbookSummary[]>;
  saveRunbook(input: MethodInput<'saveRunbook'>): Promise<RunbookSummary>;
  removeRunbook(id: number): Promise<void>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const sorted = (list: readonly HostSummary[]) => [...list].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);

/** Host profiles with their monitored state and last run: listHosts once, then every hostsChanged replaces the list. */
export function createHostsStore(client: PhotonClient): { store: StoreApi<HostsState>; dispose(): void } {
  let generation = 0;

  const store = createStore<HostsState>()((set) => ({
    hosts: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const hosts = await client.listHosts({});
        if (startedAt === generation) set({ hosts: sorted(hosts), status: 'ready', error: null });
      } catch (err) {
        if (startedAt === generation) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
    save: (input) => client.saveHost(input),
    async remove(id) {
      await client.removeHost({ id });
    },
    readSshConfig: (input) => client.readSshConfig(input),
    importSshHosts: (input) => client.importSshHosts(input),
    checkHostKey: (hostId) => client.checkHostKey({ hostId }),
    pinHostKey: (hostId, fingerprint) => client.pinHostKey({ hostId, fingerprint }),
    listRunbooks: (hostId) => client.listRunbooks({ hostId }),
    saveRunbook: (input) => client.saveRunbook(input),
    async removeRunbook(id) {
      await client.removeRunbook({ id });
    },
  }));

  const unsubscribe = client.subscribe('hostsChanged', ({ hosts }) => {
    generation += 1;
    store.setState({ hosts: sorted(hosts), status: 'ready', error: null });
  });
  return loadAndResync(client, store, [unsubscribe]);
}
