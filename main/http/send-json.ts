import type { ServerResponse } from 'node:http';
import { endAfterDraining } from './drain-request.ts';

/**
 * A JSON answer no cache keeps: the console's API and the agents' push endpoint both answer this
 * way. An answer given before the request body was read (a refusal: too large, wrong token, wrong
 * Host) closes the connection, after draining the body so the client can read the answer.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  const bodyUnread = !res.req.complete;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...headers,
    ...(bodyUnread && { Connection: 'close' }),
  });
  if (bodyUnread) endAfterDraining(res.req, res, payload);
  else res.end(payload);
}
