const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

/**
 * GETs a JSON list of agent events: either an array or {"events": [...]}. The API key (from the
 * keychain) goes in the Authorization header and never into an error message.
 */
export async function fetchJsonEvents(url: string, apiKey: string | null): Promise<unknown[]> {
  const where = new URL(url);
  const shown = `${where.origin}${where.pathname}`;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { Accept: 'application/json', ...(apiKey !== null && { Authorization: `Bearer ${apiKey}` }) },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (cause?.code ?? cause?.message ?? (err as Error).message);
    throw new Error(`GET ${shown} failed: ${why}`);
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BYTES) throw new Error(`GET ${shown}: the answer is ${declared} bytes, more than ${MAX_BYTES}`);
  const text = await res.text();
  if (Buffer.byteLength(text) > MAX_BYTES) throw new Error(`GET ${shown}: the answer is more than ${MAX_BYTES} bytes`);
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
