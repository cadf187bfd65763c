import type { CheckContext } from './check-kind.ts';

/**
 * One signal for "stop now", whichever comes first: the run's own time budget or the caller's
 * abort. Checks keep to one signal so that every socket, child process and timer has exactly one
 * place that tears it down, and the result says which of the two happened.
 */
export interface Deadline {
  signal: AbortSignal;
  /** "timed out after N ms" or "aborted"; only meaningful once `signal` has fired. */
  readonly reason: string;
  /** Milliseconds left in the budget (never negative). */
  remainingMs(): number;
  /** Clears the timer and the listener on the caller's signal; call it in a finally. */
  dispose(): void;
}

export function startDeadline(ctx: CheckContext): Deadline {
  const controller = new AbortController();
  const startedAt = performance.now();
  let why: 'timeout' | 'aborted' | null = null;
  const stop = (cause: 'timeout' | 'aborted') => {
    why ??= cause;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), ctx.timeoutMs);
  // The engine may enforce the same budget with AbortSignal.timeout(); that is still a timeout.
  const onCallerAbort = () => stop(isTimeoutReason(ctx.signal.reason) ? 'timeout' : 'aborted');
  if (ctx.signal.aborted) onCallerAbort();
  else ctx.signal.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get reason() {
      return why === 'timeout' ? `timed out after ${ctx.timeoutMs} ms` : 'aborted';
    },
    remainingMs: () => Math.max(0, ctx.timeoutMs - (performance.now() - startedAt)),
    dispose() {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onCallerAbort);
    },
  };
}

function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}

/** Milliseconds with 0.1 ms resolution: enough for loopback, short enough for the UI. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}
