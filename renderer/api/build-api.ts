import type { MethodName, PhotonApi } from '../../preload/contract.ts';
import { ApiError } from './api-error.ts';
import { METHOD_NAMES } from './contract-names.ts';
import { unwrapEnvelope } from './envelope.ts';
import type { SendCall } from './types.ts';

/** One function per contract method over any transport's `send`; every answer goes through unwrapEnvelope. */
export function buildApi(send: SendCall): PhotonApi {
  const api: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    api[method] = async (input) => {
      let raw: unknown;
      try {
        raw = await send(method, input ?? {});
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('UNAVAILABLE', `${method}: the call did not reach the core (${err instanceof Error ? err.message : String(err)})`);
      }
      return unwrapEnvelope(raw, method);
    };
  }
  // Every MethodName got a function above; the per-method result types come from the contract.
  return api as PhotonApi;
}
