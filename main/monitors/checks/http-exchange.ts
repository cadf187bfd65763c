import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { hasCertificate } from './certificates.ts';
import { roundMs } from './deadline.ts';

/** Bodies beyond this are cut: a health page is small, and a run must stay cheap. */
export const BODY_CAP_BYTES = 1024 * 1024;

export interface ExchangeRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Decided once the status is known: a redirect about to be followed is not worth reading. */
  readBody: (status: number, headers: IncomingHttpHeaders) => boolean;
  verifyTls: boolean;
  ca: string[] | undefined;
}

export interface TlsPeer {
  cert: DetailedPeerCertificate;
  authorized: boolean;
  authorizationError: unknown;
  protocol: string | null;
}

export type Exchange =
  | {
      ok: true;
      status: number;
      headers: IncomingHttpHeaders;
      tls: TlsPeer | null;
      body: Buffer;
      truncated: boolean;
      headersMs: number;
      totalMs: number;
    }
  | { ok: false; error: unknown };

/**
 * One HTTP request/response on its own connection (no agent, so no pooled socket outlives the run).
 * Resolves, never rejects; `signal` destroys the request wherever it is.
 */
export function exchange(req: ExchangeRequest, signal: AbortSignal, abortReason: () => string): Promise<Exchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const transport = req.url.protocol === 'https:' ? https : http;
    const headers = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    // Checked before creating the request: without an agent, Node opens the socket right away.
    if (signal.aborted) return resolve({ ok: false, error: new Error(abortReason()) });
    let outgoing: http.ClientRequest;
    try {
      outgoing = transport.request(req.url, { method: req.method, headers, agent: false, rejectUnauthorized: req.verifyTls, ca: req.ca });
    } catch (error) {
      // Node validates header names and values synchronously (e.g. a newline in a value).
      return resolve({ ok: false, error });
    }
    let settled = false;
    const finish = (result: Exchange) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outgoing.destroy();
      resolve(result);
    };
    const onAbort = () => finish({ ok: false, error: new Error(abortReason()) });
    // on(), not once(): destroy() after a first error may emit another, and an unheard one would crash the process.
    outgoing.on('error', (error) => finish({ ok: false, error }));
    outgoing.once('response', (res) => {
      const headersMs = roundMs(performance.now() - started);
      const peer = tlsPeer(res.socket);
      const base = { ok: true as const, status: res.statusCode ?? 0, headers: res.headers, tls: peer, headersMs };
      if (!req.readBody(base.status, res.headers)) {
        res.destroy();
        return finish({ ...base, body: Buffer.alloc(0), truncated: false, totalMs: headersMs });
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      const done = (truncated: boolean) => finish({ ...base, body: Buffer.concat(chunks, bytes), truncated, totalMs: roundMs(performance.now() - started) });
      res.on('data', (chunk: Buffer) => {
        const room = BODY_CAP_BYTES - bytes;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          bytes += room;
          done(true);
          res.destroy();
          return;
        }
        chunks.push(chunk);
        bytes += chunk.length;
      });
      res.once('end', () => done(false));
      res.on('error', (error) => finish({ ok: false, error }));
      res.once('close', () => {
        if (!res.complete) finish({ ok: false, error: new Error('the connection closed before the whole body arrived') });
      });
    });
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.end(req.body);
  });
}

function tlsPeer(socket: unknown): TlsPeer | null {
  const s = socket as Partial<TLSSocket> | null;
  if (!s || typeof s.getPeerCertificate !== 'function') return null;
  const cert = s.getPeerCertificate(true);
  if (!hasCertificate(cert)) return null;
  return { cert, authorized: s.authorized ?? false, authorizationError: s.authorizationError, protocol: s.getProtocol?.() ?? null };
}
