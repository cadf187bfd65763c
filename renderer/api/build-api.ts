import type { PhotonApi } from '../../preload/contract.ts';
import { ApiError, toApiError } from './api-error.ts';
import { unwrapEnvelope } from './envelope.ts';
import type { SendCall } from './types.ts';

// Never calls: `then` would make the client look like a promise to `await` and Promise.resolve,
// and `toJSON` would turn JSON.stringify into a round trip.
const NOT_METHODS = new Set(['then', 'toJSON']);

/**
 * The transport's own members (`own`) plus one function per contract method over its `send`; every
 * answer goes through unwrapEnvelope. Method names come from the contract's types, not from a list
 * here: listing them would bundle zod, and a name the core does not know is refused by its
 * dispatcher (UNKNOWN_METHOD) anyway.
 */
export function buildApi<Own extends object>(send: SendCall, own: Own): PhotonApi & Own {
  const calls = new Map<string, (input: unknown) => Promise<unknown>>();
  const callFor = (method: string) => async (input: unknown) => {
    let raw: unknown;
    try {
      raw = await send(method, input ?? {});
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError('UNAVAILABLE', `${method}: the call did not reach the core (${toApiError(err).message})`);
    }
    return unwrapEnvelope(raw, method);
  };
  return new Proxy(own, {
    get(target, name, receiver) {
      // Symbols, the transport's members and Object.prototype's stay what they are.
      if (typeof name !== 'string' || name in target || NOT_METHODS.has(name)) return Reflect.get(target, name, receiver);
      let call = calls.get(name);
      if (!call) {
        call = callFor(name);
        calls.set(name, call);
      }
      return call;
    },
  }) as PhotonApi & Own;
}
