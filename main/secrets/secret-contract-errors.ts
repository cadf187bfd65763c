import { ContractError } from '../api/contract-error.ts';
import { withContext, type ErrorMapper } from '../api/error-mapping.ts';
import { errorMessage } from '../core/error-message.ts';
import { SecretStoreError } from './secret-store.ts';

/**
 * The vault's errors as a person can act on them; their messages never hold a value. `valueField`
 * names the input field that carried the secret (a webhook's `url`, a runbook's `value`…).
 */
export function secretErrorToContract(err: SecretStoreError, valueField = 'value'): ContractError {
  switch (err.code) {
    case 'invalid-secret':
      return new ContractError('INVALID_INPUT', err.message, valueField);
    case 'invalid-ref':
      return new ContractError('INVALID_INPUT', err.message, 'ref');
    case 'not-found':
      return new ContractError('NOT_FOUND', err.message, 'ref');
    case 'keychain-unavailable':
    case 'keychain-failed':
      return new ContractError('UNAVAILABLE', err.message);
  }
}

export const secretErrors: ErrorMapper = (err) => (err instanceof SecretStoreError ? secretErrorToContract(err) : null);

/** A vault failure during a larger action, with that action named first; anything else is INTERNAL. */
export function secretFailure(err: unknown, what: string, valueField?: string): ContractError {
  if (err instanceof SecretStoreError) return withContext(secretErrorToContract(err, valueField), what);
  return new ContractError('INTERNAL', `${what}: ${errorMessage(err)}`);
}
