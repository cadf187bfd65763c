import {
  isMethodName,
  methods,
  type Envelope,
  type MethodName,
  type MethodResult,
  type ParsedInput,
} from '../../preload/contract.ts';
import { contractChecksEnabled, shapeProblem } from '../core/contract-checks.ts';
import { ContractError } from './contract-error.ts';
import { describeZodError } from './describe-zod-error.ts';
import { toContractError, type ErrorMapper } from './error-mapping.ts';
import { errorMessage } from '../core/error-message.ts';
import type { Logger } from '../core/logger.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Check every result against the method's result schema (see contract-checks.ts); from the environment by default. */
  checkResults?: boolean;
}

/**
 * The one place where untrusted calls enter the core, whatever the transport: the method name is
 * checked against the contract, the input parsed with its schema, and every failure becomes an
 * error envelope — a throw here would crash an IPC handler or leak a stack trace over HTTP. A domain
 * error no handler converted is mapped by its family (`errorFamilies`); anything else is INTERNAL.
 * Under test, a result its schema does not describe is INTERNAL too (`checkResults`).
 */
export function createDispatcher(
  handlers: Handlers,
  logger: Logger,
  errorFamilies: readonly ErrorMapper[] = [],
  { checkResults = contractChecksEnabled() }: DispatcherOptions = {},
): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return fail(new ContractError('UNKNOWN_METHOD', `Unknown method ${JSON.stringify(String(method).slice(0, 80))}`));
    }
    const input = rawInput === undefined ? {} : rawInput;
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: describeZodError(parsed.error, method, input) };
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      const problem = checkResults ? shapeProblem(methods[method].result, value) : null;
      if (problem !== null) {
        const message = `${method} returned a result its contract does not declare: ${problem}`;
        logger.error(message);
        return fail(new ContractError('INTERNAL', message));
      }
      return { ok: true, value };
    } catch (err) {
      const known = toContractError(err, errorFamilies);
      if (known) {
        // Input problems found past the schema (a bad condition, a cycle) read like schema errors.
        if (known.code === 'INVALID_INPUT') return fail(new ContractError(known.code, `${method}: ${known.message}`, known.field));
        return fail(known);
      }
      logger.error(`${method} failed`, err);
      return fail(new ContractError('INTERNAL', `${method} failed: ${errorMessage(err)}`));
    }
  };
}

function fail(err: ContractError): Envelope<never> {
  return { ok: false, error: err.toShape() };
}
