import type { Handlers } from '../api/dispatcher.ts';
import type { VaultService } from './vault-service.ts';

/** The vault block of the contract: set, replace, test and delete secrets; never read one back. */
export function vaultHandlers(vault: VaultService) {
  return {
    getVaultStatus: () => vault.status(),
    listSecrets: () => vault.list(),
    setSecret: (input) => vault.set(input.kind, input.label, input.value),
    replaceSecret: (input) => vault.replace(input.ref, input.value),
    testSecret: (input) => vault.test(input.ref),
    deleteSecret: (input) => vault.delete(input.ref),
  } satisfies Partial<Handlers>;
}
