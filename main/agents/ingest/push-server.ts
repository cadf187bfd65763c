import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ContractError } from '../../api/contract-error.ts';
import { describeZodError } from '../../api/describe-zod-error.ts';
import type { Logger } from '../../core/logger.ts';
import { isLoopbackHost, readJsonBody, sendJson, type BodyRefusals } from '../../http/index.ts';
import type { AgentsService } from '../agents-service.ts';
import { REPORT_SCHEMAS, type AgentReport, type ReportType } from '../report.ts';
import { RateLimiter } from './rate-limiter.ts';

export interface PushServerOptions {
  service: AgentsService;
  logger: Logger;
  /** Always loopback: agents on other machines report through an SSH tunnel or are pulled. */
  host: '127.0.0.1';
  /** 0 picks a free port (tests). */
  port: number;
  maxBodyBytes: number;
  /** Per agent. */
  rate: { perSecond: number; burst: number };
  /** Requests with a wrong token, per client address: slows down guessing. */
  badTokenRate: { perSecond: number; burst: number };
}

export interface PushServerStats {
  accepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
}

export interface RunningPushServer {
  url: string;
  port: number;
  stats: PushServerStats;
  close(): Promise<void>;
}

/** `/ping/<token>` and its sub-paths, in the Healthchecks.io style. */
const ROUTES: Record<string, ReportType> = { '': 'heartbeat', status: 'status', start: 'task-started', finish: 'task-finished' };
const PATH = /^\/ping\/([^/]+)(?:\/([a-z]+))?\/?$/;
const USAGE = 'POST /ping/<token> (heartbeat), /ping/<token>/status, /ping/<token>/start or /ping/<token>/finish';

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The push ingest: agents POST heartbeats, status lines and task events with their own token in the
 * path. Its own listener (not `photon serve`'s), so agents never hold the console's access token and
 * it runs the same under Electron.
 */
export async function startPushServer(o: PushServerOptions): Promise<RunningPushServer> {
  const perAgent = new RateLimiter(o.rate.perSecond, o.rate.burst);
  const perClient = new RateLimiter(o.badTokenRate.perSecond, o.badTokenRate.burst);
  const stats: PushServerStats = { accepted: 0, duplicates: 0, rejected: 0, failed: 0 };

  const server = http.createServer((req, res) => {
    handle(req)
      .then((body) => send(res, 200, body))
      .catch((err: unknown) => {
        if (err instanceof HttpProblem) {
          if (err.status === 409) stats.duplicates++;
          else stats.rejected++;
          return send(res, err.status, { ok: false, error: { code: err.code, message: err.message, ...(err.field && { field: err.field }) } }, err.headers);
        }
        stats.failed++;
        o.logger.error('agent push ingest failed', err);
        send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error; nothing was stored' } });
      });
  });
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  async function handle(req: http.IncomingMessage): Promise<unknown> {
    if (!isLoopbackHost(req.headers.host)) {
      throw new HttpProblem(403, 'FORBIDDEN', `Host header ${JSON.stringify(req.headers.host ?? '')} is not a loopback address; agents report to 127.0.0.1`);
    }
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname === '/health' && req.method === 'GET') return { ok: true, stats };
    const match = PATH.exec(url.pathname);
    const type = match ? ROUTES[match[2] ?? ''] : undefined;
    if (!match || !type) throw new HttpProblem(404, 'NOT_FOUND', `Unknown endpoint ${url.pathname.replace(/\/ping\/[^/]+/, '/ping/<token>')}; use ${USAGE}`);
    const allowed = type === 'heartbeat' ? ['POST', 'GET'] : ['POST'];
    if (!allowed.includes(req.method ?? '')) {
      throw new HttpProblem(405, 'METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} for this endpoint`, undefined, { Allow: allowed.join(', '), Connection: 'close' });
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > o.maxBodyBytes) throw tooLarge(o.maxBodyBytes);

    const client = req.socket.remoteAddress ?? 'unknown';
    const agent = o.service.authenticate(safeDecode(match[1]!));
    if (!agent) {
      const wait = perClient.take(client);
      if (wait > 0) throw rateLimited(wait, 'wrong tokens');
      throw new HttpProblem(401, 'UNAUTHORIZED', 'Unknown or revoked agent token: create a token for the agent in the Agents view', undefined, { Connection: 'close' });
    }
    const wait = perAgent.take(String(agent.id));
    if (wait > 0) throw rateLimited(wait, `agent ${agent.code}`);

    const body = await readBody(req, o.maxBodyBytes);
    const parsed = REPORT_SCHEMAS[type].safeParse(body);
    if (!parsed.success) {
      const shape = describeZodError(parsed.error, match[2] ? `/ping/<token>/${match[2]}` : '/ping/<token>', body);
      throw new HttpProblem(400, 'INVALID_INPUT', shape.message.replace('input must be a JSON object', 'the body must be a JSON object'), shape.field);
    }
    const report = { type, ...parsed.data } as AgentReport;
    const at = Date.now();
    let outcome;
    try {
      outcome = o.service.report(agent, report, at, 'push');
    } catch (err) {
      if (err instanceof ContractError && err.code === 'INVALID_INPUT') throw new HttpProblem(400, 'INVALID_INPUT', err.message, err.field);
      throw err;
    }
    if (!outcome.stored) {
      throw new HttpProblem(
        409,
        'DUPLICATE',
        `key ${JSON.stringify(report.key)} was already recorded for agent ${agent.code} at ${new Date(outcome.firstRecordedAt).toISOString()}; nothing was stored again`,
        'key',
      );
    }
    stats.accepted++;
    return { ok: true, agent: agent.code, type, recordedAt: at };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${o.host}:${port}/`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A malformed %-escape is just a wrong token, not a server error. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

/** GET and an empty POST mean "no fields"; anything else must be one JSON object within the cap. */
const readBody = async (req: http.IncomingMessage, limit: number): Promise<unknown> => (await readJsonBody(req, limit, PUSH_REFUSALS)) ?? {};

const tooLarge = (limit: number) =>
  new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit} bytes; nothing was stored`, undefined, { Connection: 'close' });

const PUSH_REFUSALS: BodyRefusals = {
  tooLarge,
  notJson: (reason) => new HttpProblem(400, 'INVALID_INPUT', `The body is not valid JSON: ${reason}`),
};

const rateLimited = (seconds: number, who: string) =>
  new HttpProblem(429, 'RATE_LIMITED', `Too many requests for ${who}; retry after ${seconds} s. Nothing was stored`, undefined, { 'Retry-After': String(seconds) });

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  sendJson(res, status, body, headers);
}
