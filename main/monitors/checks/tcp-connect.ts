import net from 'node:net';
import { describeError, errorCode } from './error-text.ts';
import { roundMs } from './deadline.ts';

export type TcpAttempt =
  | { connected: true; ms: number; remoteAddress: string | null }
  | { connected: false; ms: number | null; error: string; code: string | undefined };

/**
 * Opens a TCP connection and closes it at once. Resolves, never rejects; the socket is destroyed
 * on every path, including `signal` firing, so nothing outlives the call.
 */
export function tcpConnect(host: string, port: number, signal: AbortSignal, abortReason: () => string): Promise<TcpAttempt> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = new net.Socket();
    let settled = false;
    const finish = (attempt: TcpAttempt) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(attempt);
    };
    const onAbort = () => finish({ connected: false, ms: null, error: abortReason(), code: 'ABORT_ERR' });
    socket.once('connect', () => finish({ connected: true, ms: roundMs(performance.now() - started), remoteAddress: socket.remoteAddress ?? null }));
    socket.on('error', (err) => {
      const ms = roundMs(performance.now() - started);
      finish({ connected: false, ms, error: describeError(err), code: errorCode(err) });
    });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.connect({ host, port });
  });
}

/** host:port, with brackets around an IPv6 literal. */
export function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
