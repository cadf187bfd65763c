import { FileReadError } from '../core/read-file-safely.ts';
import { ContractError } from './contract-error.ts';
import type { ErrorMapper } from './error-mapping.ts';

/**
 * A file that was refused (not a regular file, too large, outside its repository) is the caller's
 * input at fault, never an internal error: the message names the file and the reason. A missing
 * file is NOT_FOUND. Read sites that know which input field named the file map it themselves;
 * this is the net under every other one.
 */
export const fileReadErrors: ErrorMapper = (err) => {
  if (!(err instanceof FileReadError)) return null;
  return new ContractError(err.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'INVALID_INPUT', err.message);
};
