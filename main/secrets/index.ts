import type Database from 'better-sqlite3';
import type { EventBus } from '../core/event-bus.ts';
import { vaultHandlers } from './handlers.ts';
import { secretErrors } from './secret-contract-errors.ts';
import type { SecretStore } from './secret-store.ts';
import { VaultService } from './vault-service.ts';

export { VaultService } from './vault-service.ts';
export { KeytarSecretStore } from './keytar-secret-store.ts';
export { secretFailure } from './secret-contract-errors.ts';
export { parseSecretRef, SecretStoreError, type SecretRef, type SecretStore } from './secret-store.ts';

/** The credentials vault over the chosen secret store; SQLite keeps only references. */
export function createVault(deps: { db: Database.Database; secrets: SecretStore; events: EventBus }) {
  const service = new VaultService(deps.db, deps.secrets, deps.events);
  return { service, handlers: vaultHandlers(service), errors: secretErrors };
}
