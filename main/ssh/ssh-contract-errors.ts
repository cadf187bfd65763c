import { ContractError } from '../api/contract-error.ts';
import type { ErrorMapper } from '../api/error-mapping.ts';
import { SshError } from './errors.ts';

/** A host that cannot be reached, refused our key or offered a changed one: the caller can retry or re-pin, nothing is broken here. */
export const sshErrors: ErrorMapper = (err) => (err instanceof SshError ? new ContractError('UNAVAILABLE', err.message) : null);
