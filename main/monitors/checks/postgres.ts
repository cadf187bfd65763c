import net from 'node:net';
import pg from 'pg';
import type { CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { roundMs, startDeadline, type Deadline } from './deadline.ts';
import { describeError } from './error-text.ts';
import { hostPort } from './tcp-connect.ts';

/** One round trip that also says who and where we are, so the evidence needs no second query. */
const PROBE_SQL = "select 1 as ok, current_setting('server_version') as version, current_database() as db, current_user as usr";

interface ProbeRow {
  ok: number;
  version: string;
  db: string;
  usr: string;
}

/**
 * Logs in and runs one trivial query: proves the server accepts connections, authenticates this
 * user and serves this database. The password comes from an environment variable at run time and
 * is never written into a message or the evidence.
 */
export const postgresCheck: CheckKind<'postgres'> = {
  kind: 'postgres',
  defaultConditions: ['[CONNECTED] == true'],
  describe: (t) => `postgres://${t.user}@${hostPort(t.host, t.port)}/${t.database}`,
  async run(target, ctx) {
    const deadline = startDeadline(ctx);
    try {
      let password: string | undefined;
      if (target.passwordEnv) {
        password = process.env[target.passwordEnv];
        if (password === undefined) return unreached(target, `environment variable ${target.passwordEnv} (the password) is not set`);
      }
      return await probe(target, password, deadline);
    } finally {
      deadline.dispose();
    }
  },
};

async function probe(target: TargetOf<'postgres'>, password: string | undefined, deadline: Deadline): Promise<CheckResult> {
  // Our own socket, handed to pg, so that an abort can destroy it at any stage of the login.
  const socket = new net.Socket();
  const client = new pg.Client({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password,
    ssl: target.ssl,
    stream: () => socket,
    // A backstop only: the deadline destroys the socket first and says "timed out after N ms".
    connectionTimeoutMillis: Math.floor(deadline.remainingMs()) + 1_000,
    application_name: 'photon-console monitor',
  });
  // A server that drops the connection after we are done must not crash the process.
  client.on('error', () => {});
  const kill = () => socket.destroy();
  deadline.signal.addEventListener('abort', kill, { once: true });
  const started = performance.now();
  try {
    if (deadline.signal.aborted) throw new Error(deadline.reason);
    await client.connect();
    const result = await client.query<ProbeRow>(PROBE_SQL);
    const ms = roundMs(performance.now() - started);
    const row = result.rows[0];
    return {
      reached: true,
      latencyMs: ms,
      message: `logged in as ${row?.usr ?? target.user} to ${row?.db ?? target.database} (PostgreSQL ${row?.version ?? '?'}) in ${ms} ms`,
      observation: { CONNECTED: true, RESPONSE_TIME: ms, BODY: String(row?.ok ?? '') },
      evidence: { serverVersion: row?.version ?? null, database: row?.db ?? target.database, user: row?.usr ?? target.user, latencyMs: ms, ssl: target.ssl },
    };
  } catch (err) {
    const reason = deadline.signal.aborted ? deadline.reason : describeError(err);
    return unreached(target, scrub(`${postgresCheck.describe(target)}: ${reason}`, password));
  } finally {
    deadline.signal.removeEventListener('abort', kill);
    await closeQuietly(client, socket);
  }
}

/** A polite Terminate when we can, the socket destroyed regardless; never waits more than 500 ms. */
async function closeQuietly(client: pg.Client, socket: net.Socket): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 500);
    client
      .end()
      .catch(() => {})
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
  socket.destroy();
}

/** Server messages never quote a password, but a driver bug must not be able to leak it either. */
function scrub(text: string, password: string | undefined): string {
  return password ? text.split(password).join('***') : text;
}

function unreached(target: TargetOf<'postgres'>, message: string): CheckResult {
  return {
    reached: false,
    latencyMs: null,
    message,
    observation: { CONNECTED: false, RESPONSE_TIME: null },
    evidence: { database: target.database, user: target.user, error: message },
  };
}
