import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, MethodResult } from '../../preload/contract.ts';
import type { SecretInfo, VaultStatus } from '../../preload/schemas/secrets.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface SecretsState {
  /** What the core measured about the keychain; null until the first answer. */
  vault: VaultStatus | null;
  secrets: readonly SecretInfo[];
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  /** Asks the core to try the keychain again (after unlocking it, say). */
  checkVault(): Promise<void>;
  /**
   * The value goes to the core and nowhere else: nothing here keeps it, and only the reference
   * comes back. The caller clears its input right after.
   */
  set(input: MethodInput<'setSecret'>): Promise<SecretInfo>;
  replace(ref: string, value: string): Promise<SecretInfo>;
  test(ref: string): Promise<MethodResult<'testSecret'>>;
  remove(ref: string): Promise<void>;
}

const byLabel = (a: SecretInfo, b: SecretInfo) => a.label.localeCompare(b.label) || a.ref.localeCompare(b.ref);
const sorted = (list: readonly SecretInfo[]) => [...list].sort(byLabel);

/** The vault's status and the list of secret references: read once, then kept current by secretsChanged. */
export function createSecretsStore(client: PhotonClient): { store: StoreApi<SecretsState>; dispose(): void } {
  // Bumped by every secretsChanged: a listSecrets answer that started before one is older than it.
  let generation = 0;

  const store = createStore<SecretsState>()((set) => ({
    vault: null,
    secrets: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const [vault, secrets] = await Promise.all([client.getVaultStatus({}), client.listSecrets({})]);
        set(startedAt === generation ? { vault, secrets: sorted(secrets), status: 'ready', error: null } : { vault, status: 'ready', error: null });
      } catch (err) {
        set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
    async checkVault() {
      try {
        set({ vault: await client.getVaultStatus({}), error: null });
      } catch (err) {
        set({ error: toApiError(err) });
      }
    },
    set: (input) => client.setSecret(input),
    replace: (ref, value) => client.replaceSecret({ ref, value }),
    test: (ref) => client.testSecret({ ref }),
    async remove(ref) {
      await client.deleteSecret({ ref });
    },
  }));

  const unsubscribe = client.subscribe('secretsChanged', ({ secrets }) => {
    generation += 1;
    store.setState({ secrets: sorted(secrets), status: 'ready', error: null });
  });
  return loadAndResync(client, store, [unsubscribe]);
}
