import { ContractError } from '../api/contract-error.ts';
import type { ErrorMapper } from '../api/error-mapping.ts';
import { NotADirectoryError } from './evidence/walk-repository.ts';
import { StoredReportUnreadableError } from './history/assessment-repository.ts';

/** A repository path that is not a directory, or a stored report this build cannot read. */
export const scorecardErrors: ErrorMapper = (err) => {
  if (err instanceof NotADirectoryError) return new ContractError('BAD_REQUEST', err.message, 'projectId');
  if (err instanceof StoredReportUnreadableError) return new ContractError('UNAVAILABLE', err.message);
  return null;
};
