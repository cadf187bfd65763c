import { hostPort, type SshConnection } from './connect.ts';
import { ConnectError, errorForAbort, TimeoutError } from './errors.ts';
import { shellQuoteArgv } from './shell-quote.ts';
import type { Ssh2Channel } from './ssh2-surface.ts';

export interface CommandResult {
  /** Null when the command was killed by a signal or the server reported no status. */
  exitCode: number | null;
  /** e.g. "SIGKILL" when the command died of a signal. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** True when the stream produced more than maxBytes; the rest was read and dropped. */
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Cap per stream, in bytes. */
  maxBytes?: number;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

/** Runs argv[0] with the given arguments; every element is quoted, so values cannot change the command. */
export function runCommand(conn: SshConnection, argv: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  return runScript(conn, shellQuoteArgv(argv), options);
}

/**
 * Runs a command line through the remote login shell exactly as given. Only for a command an
 * operator wrote themselves (an ssh monitor's `command`) and for scripts assembled from fixed strings
 * and shellQuote()d values; everything else goes through runCommand.
 *
 * stdin is closed at once, so a command that reads it sees EOF instead of hanging until the timeout.
 * On timeout or abort the channel is closed; the remote process then loses its pipes (SIGPIPE on its
 * next write) but is not killed: ssh2 cannot send a signal request after stdin EOF, and OpenSSH
 * refuses signal requests for root logins anyway.
 */
export function runScript(conn: SshConnection, commandLine: string, options: RunOptions = {}): Promise<CommandResult> {
  const where = hostPort(conn.host, conn.port);
  const what = `command on ${where}`;
  const { signal, timeoutMs } = options;
  const max = options.maxBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  if (signal?.aborted) return Promise.reject(errorForAbort(signal, what));
  if (conn.isClosed()) return Promise.reject(new ConnectError(`connection to ${where} is closed`));

  return new Promise<CommandResult>((resolve, reject) => {
    const started = performance.now();
    const stdout = new CappedBytes(max);
    const stderr = new CappedBytes(max);
    let channel: Ssh2Channel | null = null;
    let exit: { code: number | null; signal: string | null } | null = null;
    let settled = false;

    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const stopAndFail = (err: Error) => {
      try {
        channel?.close();
      } catch {
        // The transport is already gone; nothing left to close.
      }
      finish(() => reject(err));
    };
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => stopAndFail(new TimeoutError(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () => stopAndFail(errorForAbort(signal!, what));
    signal?.addEventListener('abort', onAbort, { once: true });

    const onChannel = (err: Error | undefined, ch: Ssh2Channel) => {
      if (err) return finish(() => reject(new ConnectError(`cannot start a command on ${where}: ${err.message}`)));
      if (settled) return void ch.close();
      channel = ch;
      ch.on('data', (chunk) => stdout.push(chunk));
      ch.stderr.on('data', (chunk) => stderr.push(chunk));
      ch.on('exit', (code, sig) => (exit = { code: typeof code === 'number' ? code : null, signal: sig ?? null }));
      ch.on('error', () => {});
      ch.on('close', () => {
        if (!exit && conn.isClosed()) return finish(() => reject(new ConnectError(`connection to ${where} closed before the command finished`)));
        const result: CommandResult = {
          exitCode: exit?.code ?? null,
          signal: exit?.signal ?? null,
          stdout: stdout.text(),
          stderr: stderr.text(),
          stdoutTruncated: stdout.truncated,
          stderrTruncated: stderr.truncated,
          durationMs: Math.round(performance.now() - started),
        };
        finish(() => resolve(result));
      });
      ch.end();
    };
    try {
      conn.client.exec(commandLine, onChannel);
    } catch (err) {
      finish(() => reject(new ConnectError(`cannot start a command on ${where}: ${(err as Error).message}`)));
    }
  });
}

/** Keeps the first `max` bytes of a stream and counts the rest as dropped. */
class CappedBytes {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    const room = this.max - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.chunks.push(kept);
    this.size += kept.length;
  }

  /** UTF-8, with U+FFFD for invalid bytes (remote output is untrusted and may be cut mid-character). */
  text(): string {
    return new TextDecoder('utf-8').decode(Buffer.concat(this.chunks));
  }
}
