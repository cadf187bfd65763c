import type { PhotonBridge } from '../../preload/contract.ts';
import { buildApi } from './build-api.ts';
import type { PhotonClient } from './types.ts';

/** The Electron transport: the preload bridge returns envelopes and pushes events itself. */
export function createIpcClient(bridge: PhotonBridge): PhotonClient {
  const api = buildApi((method, input) => {
    const call = bridge[method as keyof PhotonBridge] as ((input: unknown) => Promise<unknown>) | undefined;
    if (typeof call !== 'function') return Promise.reject(new Error(`the preload bridge has no ${method}`));
    return call.call(bridge, input);
  });
  return {
    ...api,
    transport: 'electron',
    subscribe: (event, listener) => bridge.subscribe(event, listener),
    // IPC lives as long as the window does: there is no link that could drop.
    onConnectionChange(listener) {
      listener('live');
      return () => {};
    },
  };
}
