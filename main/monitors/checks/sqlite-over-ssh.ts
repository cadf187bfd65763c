import type { CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { remoteFileWord, runScript, shellQuote, SshError, type CommandResult } from '../../ssh/index.ts';
import { clip, clipWithFlag, firstLine, inCheckSession, loginOf, sessionEvidence } from './ssh.ts';

const MARK = '@@photon:';
const NO_SQLITE3 = `${MARK}no-sqlite3`;
const NO_FILE = `${MARK}no-file`;
const UNREADABLE = `${MARK}unreadable`;

const RESULT_LINES = 20;
const RESULT_LINE_CHARS = 200;
const OUTPUT_BYTES = 64 * 1024;

/**
 * `PRAGMA quick_check` of a SQLite file on a host, through its own sqlite3 CLI: catches a corrupt
 * page or index without copying the database anywhere. quick_check skips the index-content
 * cross-check of integrity_check, which is O(N log N) on a large database.
 *
 * Observation: EXIT_CODE of sqlite3 (127 when it is not installed), BODY its output ("ok" when
 * healthy), plus CONNECTED and RESPONSE_TIME as for ssh.
 */
export const sqliteOverSshCheck: CheckKind<'sqlite-over-ssh'> = {
  kind: 'sqlite-over-ssh',
  defaultConditions: ['[EXIT_CODE] == 0', '[BODY] == ok'],
  describe: (target) => `${loginOf(target)} ${target.file}`,
  run: (target, ctx) =>
    inCheckSession(target, ctx, async (conn, budget) => {
      try {
        const result = await runScript(conn, quickCheckScript(target.file), {
          signal: budget.signal,
          timeoutMs: budget.remainingMs(),
          maxBytes: OUTPUT_BYTES,
        });
        return interpret(target, result, { ...sessionEvidence(target, conn), file: target.file }, conn.connectMs);
      } catch (err) {
        if (!(err instanceof SshError)) throw err;
        return {
          reached: false,
          latencyMs: conn.connectMs,
          message: `PRAGMA quick_check of ${target.file} on ${target.host}: ${err.message}`,
          observation: { CONNECTED: true, RESPONSE_TIME: conn.connectMs },
          evidence: { ...sessionEvidence(target, conn), file: target.file, commandError: err.message },
        };
      }
    }),
};

/**
 * The remote script: fixed text plus the quoted file name. -readonly so a missing file is not
 * created as an empty database; -init /dev/null so a ~/.sqliterc cannot change the output format;
 * stdin from /dev/null so the CLI never waits for input.
 */
export function quickCheckScript(file: string): string {
  const f = remoteFileWord(file);
  return [
    `if ! command -v sqlite3 >/dev/null 2>&1; then printf '%s\\n' ${shellQuote(NO_SQLITE3)} >&2; exit 127; fi`,
    `if [ ! -e ${f} ]; then printf '%s\\n' ${shellQuote(NO_FILE)} >&2; exit 66; fi`,
    `if [ ! -r ${f} ]; then printf '%s\\n' ${shellQuote(UNREADABLE)} >&2; exit 77; fi`,
    `exec sqlite3 -readonly -batch -init /dev/null ${f} 'PRAGMA quick_check;' </dev/null`,
  ].join('\n');
}

function interpret(target: TargetOf<'sqlite-over-ssh'>, r: CommandResult, base: Record<string, unknown>, connectMs: number): CheckResult {
  const body = r.stdout.replace(/\s+$/, '');
  const resultLines = body === '' ? [] : body.split('\n');
  const stderr = clipWithFlag(r.stderr.trim(), 1_024);
  const evidence = {
    ...base,
    exitCode: r.exitCode,
    result: resultLines.slice(0, RESULT_LINES).map((l) => clip(l, RESULT_LINE_CHARS)),
    resultTruncated: resultLines.length > RESULT_LINES || r.stdoutTruncated,
    stderr: stderr.text,
    checkMs: r.durationMs,
  };
  const observation = { CONNECTED: true, RESPONSE_TIME: connectMs, EXIT_CODE: r.exitCode, BODY: body };
  const done = (message: string): CheckResult => ({ reached: true, latencyMs: connectMs, message, observation, evidence });

  const marker = firstLine(r.stderr);
  if (r.exitCode === 127 && marker === NO_SQLITE3) return done(`sqlite3 is not installed on ${target.host}`);
  if (r.exitCode === 66 && marker === NO_FILE) return done(`${target.file} does not exist on ${target.host}`);
  if (r.exitCode === 77 && marker === UNREADABLE) return done(`${target.file} is not readable by ${target.user} on ${target.host}`);
  if (r.exitCode === 0 && body === 'ok') return done(`quick_check of ${target.file}: ok in ${r.durationMs} ms`);
  // A damaged file makes sqlite3 either list the problems (exit 0) or fail outright (exit 11, 26…).
  const detail = resultLines.find((l) => !l.startsWith('*** ')) ?? firstLine(r.stderr);
  const status = r.exitCode === 0 ? 'quick_check found problems' : r.exitCode !== null ? `sqlite3 exit ${r.exitCode}` : `sqlite3 killed by ${r.signal ?? 'a signal'}`;
  return done(`${target.file}: ${status}${detail ? `: ${clip(detail, 160)}` : ''}`);
}
