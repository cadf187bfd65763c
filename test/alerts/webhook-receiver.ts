import http from 'node:http';
import { closeServer, listen } from '../helpers/loopback-servers.ts';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 that records every POST. `failFirst` answers that many requests
 * with HTTP 500 before accepting, to exercise retries.
 */
export async function startWebhookReceiver(opts: { failFirst?: number } = {}) {
  const received: Received[] = [];
  let failLeft = opts.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failLeft > 0) {
        failLeft--;
        res.writeHead(500).end('boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await listen(server);
  return {
    port,
    received,
    /** Accepted (2xx) JSON bodies. */
    json: () => received.map((r) => JSON.parse(r.body) as Record<string, unknown>),
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => closeServer(server),
  };
}
