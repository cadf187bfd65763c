import type { PhotonBridge } from '../../preload/contract.ts';
import { buildApi } from './build-api.ts';
import type { PhotonClient, TransportMembers } from './types.ts';

/** The Electron transport: the preload bridge returns envelopes and pushes events itself. */
export function createIpcClient(bridge: PhotonBridge): PhotonClient {
  const send = (method: string, input: unknown) => {
    const call = bridge[method as keyof PhotonBridge] as ((input: unknown) => Promise<unknown>) | undefined;
    if (typeof call !== 'function') return Promise.reject(new Error(`the preload bridge has no ${method}`));
    return call.call(bridge, input);
  };
  const own: TransportMembers = {
    transport: 'electron',
    subscribe: (event, listener) => bridge.subscribe(event, listener),
    // IPC lives as long as the window does: there is no link that could drop.
    onConnectionChange(listener) {
      listener('live');
      return () => {};
    },
  };
  return buildApi(send, own);
}
