import { createSseParser } from './sse-parser.ts';
import type { ConnectionState } from './types.ts';

export interface EventStreamOptions {
  url: string;
  token: string;
  onEvent(name: string, payload: unknown): void;
  onState(state: ConnectionState): void;
  fetch?: typeof fetch;
  /** Wait before reconnecting: doubles after each failed try, back to the start once connected. */
  retry?: { initialMs: number; maxMs: number };
  /**
   * Silence longer than this counts as a dead link. photon serve writes a keepalive every 25 s, and a
   * sleeping laptop or a dropped VPN can leave a socket that never errors on its own.
   */
  idleMs?: number;
}

type Outcome = 'dropped' | 'rejected';

/**
 * Server-sent events over fetch, because EventSource cannot send the Authorization header.
 * Reconnects with backoff until closed; a 401 stops it for good since retrying cannot fix a token.
 */
export function openEventStream(options: EventStreamOptions): { close(): void } {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const { initialMs, maxMs } = options.retry ?? { initialMs: 1_000, maxMs: 15_000 };
  const idleMs = options.idleMs ?? 60_000;
  let closed = false;
  let attempt: AbortController | undefined;
  let wake: (() => void) | undefined;
  let delay = initialMs;

  const deliver = (name: string, data: string) => {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      console.warn(`Ignored a ${name} event whose data is not JSON`);
      return;
    }
    options.onEvent(name, payload);
  };

  async function connectOnce(): Promise<Outcome> {
    const controller = new AbortController();
    attempt = controller;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(), idleMs);
    };
    try {
      stillAlive();
      const res = await fetchImpl(options.url, {
        headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      });
      if (res.status === 401) return 'rejected';
      if (!res.ok || !res.body) return 'dropped';
      options.onState('live');
      delay = initialMs;
      const feed = createSseParser((m) => deliver(m.event, m.data));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'dropped';
        stillAlive();
        feed(value);
      }
    } catch {
      // Network errors, aborts and idle timeouts all mean the same thing here: try again later.
      return 'dropped';
    } finally {
      clearTimeout(idle);
      controller.abort();
    }
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    while (!closed) {
      const outcome = await connectOnce();
      if (closed) return;
      if (outcome === 'rejected') {
        options.onState('rejected');
        return;
      }
      options.onState('retrying');
      // Jitter keeps many tabs from reconnecting in lockstep after a server restart.
      await pause(delay * (0.75 + Math.random() * 0.5));
      delay = Math.min(delay * 2, maxMs);
    }
  })();

  return {
    close() {
      closed = true;
      attempt?.abort();
      wake?.();
    },
  };
}
