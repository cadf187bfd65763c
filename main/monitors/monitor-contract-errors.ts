import { ContractError } from '../api/contract-error.ts';
import type { ErrorMapper } from '../api/error-mapping.ts';
import { ConditionSyntaxError } from './conditions/parse-condition.ts';

/** A condition or metric expression that does not parse is the caller's input to fix. */
export const monitorErrors: ErrorMapper = (err) => (err instanceof ConditionSyntaxError ? new ContractError('INVALID_INPUT', err.message) : null);
