import { ContractError } from './contract-error.ts';

/**
 * Turns one family of domain errors (the vault's, SSH's, a backup's…) into the envelope's error, or
 * answers null for an error of another family. Each family owns its mapper beside its error classes,
 * so the code and field a caller sees are decided once, not by every service that meets the error.
 */
export type ErrorMapper = (err: unknown) => ContractError | null;

/** The contract error for `err`: itself when it already is one, else the first family that claims it. */
export function toContractError(err: unknown, mappers: readonly ErrorMapper[]): ContractError | null {
  if (err instanceof ContractError) return err;
  for (const map of mappers) {
    const mapped = map(err);
    if (mapped) return mapped;
  }
  return null;
}

/** The same error with a sentence of context in front, e.g. "The API key was not saved: …". */
export function withContext(err: ContractError, context: string): ContractError {
  return new ContractError(err.code, `${context}: ${err.message}`, err.field);
}
