import { ApiError } from './api-error.ts';
import { buildApi } from './build-api.ts';
import { EventListeners } from './event-listeners.ts';
import { openEventStream } from './event-stream.ts';
import { ObservableValue } from './observable-value.ts';
import type { ConnectionState, PhotonClient, TransportMembers } from './types.ts';

export interface HttpClientOptions {
  /** Where photon serve answers, e.g. http://127.0.0.1:7717 (the page's own origin in practice). */
  origin: string;
  token: string;
  fetch?: typeof fetch;
}

/** The `photon serve` transport: POST /api/<method> for calls, one shared SSE stream for events. */
export function createHttpClient(options: HttpClientOptions): PhotonClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const authorization = `Bearer ${options.token}`;

  const send = async (method: string, input: unknown) => {
    let res: Response;
    try {
      res = await fetchImpl(`${options.origin}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: authorization },
        body: JSON.stringify(input),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('UNAVAILABLE', `${method}: cannot reach photon serve at ${options.origin}. Is it still running?`);
    }
    try {
      return (await res.json()) as unknown;
    } catch {
      throw new ApiError('INTERNAL', `${method}: photon serve answered ${res.status} ${res.statusText} without a result envelope`);
    }
  };

  const listeners = new EventListeners();
  const connection = new ObservableValue<ConnectionState>('connecting');
  let stream: { close(): void } | undefined;
  // Opened on first use, so a client nobody listens to costs no connection.
  const ensureStream = () => {
    stream ??= openEventStream({
      url: `${options.origin}/api/events`,
      token: options.token,
      fetch: fetchImpl,
      onEvent: (name, payload) => listeners.emit(name, payload),
      onState: (state) => connection.set(state),
    });
  };

  const own: TransportMembers = {
    transport: 'http',
    subscribe(event, listener) {
      ensureStream();
      return listeners.add(event, listener);
    },
    onConnectionChange(listener) {
      ensureStream();
      return connection.observe(listener);
    },
  };
  return buildApi(send, own);
}
