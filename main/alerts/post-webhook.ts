import type { WebhookRequest } from './channels/channel-kind.ts';

export interface PostOutcome {
  ok: boolean;
  httpStatus: number | null;
  durationMs: number;
  /** Never contains the URL's path or query: that is where webhook secrets live. */
  error: string | null;
}

const TIMEOUT_MS = 10_000;
const DRAIN_BYTES = 64 * 1024;

/**
 * POSTs one rendered alert. Redirects are refused (a webhook that redirects is misconfigured, and
 * following it would send the alert somewhere nobody chose). Error texts name only the origin.
 */
export async function postWebhook(url: string, request: WebhookRequest, signal?: AbortSignal): Promise<PostOutcome> {
  const started = performance.now();
  const origin = safeOrigin(url);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'user-agent': 'photon-console', ...request.headers },
      body: request.body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // The body is not needed: a little is drained so a small answer frees the connection for
    // reuse, then the stream is cancelled, so a huge or endless answer is never read whole.
    await drainSome(res, DRAIN_BYTES);
    const durationMs = performance.now() - started;
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status, durationMs, error: null };
    const why = res.status >= 300 && res.status < 400 ? 'redirect refused: set the final webhook URL' : `answered HTTP ${res.status}`;
    return { ok: false, httpStatus: res.status, durationMs, error: `${origin} ${why}` };
  } catch (err) {
    const durationMs = performance.now() - started;
    const timedOut = timeout.aborted;
    return { ok: false, httpStatus: null, durationMs, error: `${origin}: ${timedOut ? `no answer within ${TIMEOUT_MS / 1000} s` : describeFetchError(err)}` };
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'webhook';
  }
}

/** fetch() wraps the socket error in `cause`; its code (ECONNREFUSED…) is what a person can act on. */
function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === 'string') return `${cause.code} (${cause.code === 'ECONNREFUSED' ? 'nothing listening' : 'network error'})`;
  return err instanceof Error && err.name === 'AbortError' ? 'cancelled' : 'request failed';
}

async function drainSome(res: Response, max: number): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let read = 0;
  try {
    while (read <= max) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // A body cut off or timed out changes nothing: the status already answered.
  }
}
