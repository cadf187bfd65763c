import { ContractError } from '../api/contract-error.ts';
import type { ErrorMapper } from '../api/error-mapping.ts';
import { BackupInvalidError } from './verify-database-file.ts';

/** A backup file that is not a sound Photon database: the caller chose the wrong file, nothing was touched. */
export const backupErrors: ErrorMapper = (err) => (err instanceof BackupInvalidError ? new ContractError('INVALID_INPUT', err.message, 'id') : null);
