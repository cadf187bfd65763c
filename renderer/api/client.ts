import type { PhotonBridge } from '../../preload/contract.ts';
import { createHttpClient } from './http-client.ts';
import { createIpcClient } from './ipc-client.ts';
import { takeAccessToken } from './token.ts';
import type { PhotonClient } from './types.ts';

export { ApiError, toApiError } from './api-error.ts';
export type { ConnectionState, PhotonClient } from './types.ts';

declare global {
  interface Window {
    /** Set by the preload script inside the Electron window; absent in a browser. */
    photon?: PhotonBridge;
  }
}

/**
 * Picks the transport: the preload bridge inside Electron, HTTP to the page's own origin otherwise.
 * Returns undefined when served over HTTP without an access token, which the caller must explain.
 */
export function createClient(win: Window = window): PhotonClient | undefined {
  if (win.photon) return createIpcClient(win.photon);
  const token = takeAccessToken(win);
  if (token === null) return undefined;
  return createHttpClient({ origin: win.location.origin, token });
}
