import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '../app/create-core.ts';
import { ContractError } from '../api/contract-error.ts';
import { isLoopbackHost, readJsonBody } from '../http/index.ts';
import { hasValidBearer } from './bearer-token.ts';
import { openEventStream } from './event-stream.ts';
import { sendEnvelope, sendError } from './respond.ts';
import { serveStatic } from './static-files.ts';

export interface HttpServerOptions {
  core: Core;
  token: string;
  /** Built renderer folder (out/renderer). */
  staticDir: string;
  host: string;
  port: number;
  /** When false (the default) requests must name a loopback Host, which defeats DNS rebinding. */
  allowRemote?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const API_PREFIX = '/api/';

/** `photon serve`: the contract over HTTP, events over SSE and the renderer, all on one origin. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const staticDir = path.resolve(options.staticDir);
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const error = err instanceof ContractError ? err : new ContractError('INTERNAL', 'Internal server error');
      if (!res.headersSent) sendError(res, error.toShape());
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!options.allowRemote && !isLoopbackHost(req.headers.host)) {
      return sendError(res, { code: 'FORBIDDEN', message: `Host header ${JSON.stringify(req.headers.host ?? '')} is not a loopback address` });
    }
    if (url.pathname === '/metrics') {
      if (!hasValidBearer(req.headers.authorization, options.token)) return unauthorized(res);
      const body = options.core.metrics();
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    if (!url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, { code: 'BAD_REQUEST', message: `${req.method} is not allowed on ${url.pathname}` });
      }
      return serveStatic(staticDir, url.pathname, res);
    }
    if (!hasValidBearer(req.headers.authorization, options.token)) return unauthorized(res);
    const name = url.pathname.slice(API_PREFIX.length);
    if (name === 'events') {
      if (req.method !== 'GET') return sendError(res, { code: 'BAD_REQUEST', message: 'Use GET for /api/events' });
      return openEventStream(res, options.core.events);
    }
    if (req.method !== 'POST') {
      return sendError(res, { code: 'BAD_REQUEST', message: `Use POST for ${url.pathname}` });
    }
    const body = await readJsonBody(req);
    sendEnvelope(res, await options.core.dispatch(name, body));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function unauthorized(res: http.ServerResponse): void {
  sendError(
    res,
    { code: 'UNAUTHORIZED', message: 'Missing or wrong access token: send "Authorization: Bearer <token>" as printed by photon serve' },
    { 'WWW-Authenticate': 'Bearer realm="photon"' },
  );
}
