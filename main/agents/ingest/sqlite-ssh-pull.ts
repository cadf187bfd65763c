import type { PullDefinition } from '../../../preload/schemas/agents.ts';
import { connect, remoteFileWord, runScript, shellQuote, SshError } from '../../ssh/index.ts';
import { errorMessage } from '../../core/error-message.ts';

type SqliteSource = Extract<PullDefinition, { kind: 'sqlite-ssh' }>;

const MARK = '@@photon:';
const NO_SQLITE3 = `${MARK}no-sqlite3`;
const NO_FILE = `${MARK}no-file`;
const TIMEOUT_MS = 20_000;
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Runs the operator's SELECT on a SQLite file on a host, through its own sqlite3 CLI in JSON mode,
 * read-only: the reference system's agent_sessions table read where it lives.
 */
export async function readSqliteEvents(source: SqliteSource, passphrase: string | null): Promise<unknown[]> {
  const login = `${source.user}@${source.host}:${source.port}`;
  const conn = await connect({
    host: source.host,
    port: source.port,
    user: source.user,
    expectedHostKey: source.hostKey,
    ...(source.privateKeyPath && { privateKeyPath: source.privateKeyPath }),
    ...(passphrase !== null && { passphrase }),
    useAgent: source.useAgent,
    timeoutMs: TIMEOUT_MS,
  }).catch((err: unknown) => {
    throw new Error(`SSH ${login}: ${err instanceof SshError ? err.message : String(err)}`);
  });
  try {
    const r = await runScript(conn, queryScript(source.file, source.query), { timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES }).catch((err: unknown) => {
      throw new Error(`SSH ${login}: ${errorMessage(err)}`);
    });
    const marker = r.stderr.split('\n')[0]?.trim();
    if (r.exitCode === 127 && marker === NO_SQLITE3) throw new Error(`sqlite3 is not installed on ${source.host}`);
    if (r.exitCode === 66 && marker === NO_FILE) throw new Error(`${source.file} does not exist on ${source.host}`);
    if (r.exitCode !== 0) {
      const why = r.stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 400) || `sqlite3 exit ${r.exitCode ?? r.signal}`;
      throw new Error(`The query failed on ${source.host}:${source.file}: ${why}`);
    }
    if (r.stdoutTruncated) throw new Error(`The query returned more than ${MAX_BYTES} bytes; add a LIMIT or a WHERE on time`);
    const out = r.stdout.trim();
    // sqlite3 -json prints nothing at all for zero rows.
    if (out === '') return [];
    try {
      const rows = JSON.parse(out) as unknown;
      if (Array.isArray(rows)) return rows;
    } catch {
      // Reported below.
    }
    throw new Error(`sqlite3 on ${source.host} did not return JSON rows (is it older than 3.33, without -json?)`);
  } finally {
    await conn.close();
  }
}

/** Fixed text plus quoted values: the query is one quoted argument, never shell syntax. */
export function queryScript(file: string, query: string): string {
  const f = remoteFileWord(file);
  return [
    `if ! command -v sqlite3 >/dev/null 2>&1; then printf '%s\\n' ${shellQuote(NO_SQLITE3)} >&2; exit 127; fi`,
    `if [ ! -e ${f} ]; then printf '%s\\n' ${shellQuote(NO_FILE)} >&2; exit 66; fi`,
    `exec sqlite3 -readonly -json -bail -batch -init /dev/null ${f} ${shellQuote(query)} </dev/null`,
  ].join('\n');
}
