const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** Where a URL points, for messages: origin and path, never user:password@ or the query string. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Reads a response body up to `max` bytes, stopping (and cancelling the stream) as soon as it is
 * over: a huge or endless answer never sits in memory whole. Null when it was over the limit.
 */
export async function readLimited(res: Response, max: number): Promise<Buffer | null> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs a JSON list of agent events: either an array or {"events": [...]}. The API key (from the
 * keychain) goes in the Authorization header and never into an error message;
 * messages name the URL's origin and path only.
 */
export async function fetchJsonEvents(url: string, apiKey: string | null): Promise<unknown[]> {
  const shown = shownUrl(url);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json', ...(apiKey !== null && { Authorization: `Bearer ${apiKey}` }) },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    // Only a code or our own words: fetch's messages may quote the whole URL (credentials, query).
    const cause = (err as { cause?: { code?: unknown } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : typeof cause?.code === 'string' ? cause.code : 'the request could not be made';
    throw new Error(`GET ${shown} failed: ${why}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`GET ${shown}: the answer is ${declared} bytes, more than ${MAX_BYTES}`);
  }
  const bytes = await readLimited(res, MAX_BYTES);
  if (bytes === null) throw new Error(`GET ${shown}: the answer is more than ${MAX_BYTES} bytes`);
  const text = bytes.toString('utf8');
  if (res.status === 401 || res.status === 403) throw new Error(`GET ${shown}: HTTP ${res.status} — the API key was refused${apiKey === null ? ' (none is set)' : ''}`);
  if (!res.ok) throw new Error(`GET ${shown}: HTTP ${res.status} ${res.statusText}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new Error(`GET ${shown}: the answer is not JSON (${(err as Error).message})`);
  }
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events)) return (body as { events: unknown[] }).events;
  throw new Error(`GET ${shown}: expected a JSON array of events or {"events": [...]}`);
}
