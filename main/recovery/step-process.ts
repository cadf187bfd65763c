import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { runCommand, shellQuoteArgv, type Ssh2Channel, type SshConnection } from '../ssh/index.ts';

export type OutputStream = 'stdout' | 'stderr';

export interface StepExit {
  exitCode: number | null;
  signal: string | null;
  /** Set when the step was stopped (cancel or timeout): how its processes were ended. */
  stopped: string | null;
  /** Set when the process never finished normally for another reason (connection lost, spawn failed). */
  failure: string | null;
}

/** How long a stopped step gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3_000;
const PGID_MARK = '@@photon-pgid:';
const PGID_WAIT_MS = 3_000;
/** How long a closed channel may wait for the host's confirmation before the connection is dropped. */
const CLOSE_GRACE_MS = 3_000;
/** stderr a login script may print before the marker; past this the marker is not coming. */
const MAX_PREAMBLE_CHARS = 16_384;

/**
 * Runs argv on the host and streams its output. The remote command runs as the leader of its own
 * process group (sshd starts every session in a new session), so a cancel can end the command and
 * everything it started: the group id is printed first on stderr and killed over a second channel —
 * closing the channel alone would leave the process running on the host.
 */
export function runRemoteStep(
  conn: SshConnection,
  argv: readonly string[],
  signal: AbortSignal,
  onOutput: (stream: OutputStream, text: string) => void,
): Promise<StepExit> {
  const commandLine = `printf '${PGID_MARK}%s\\n' "$$" >&2; exec ${shellQuoteArgv(argv)}`;
  // A command run through sudo belongs to root: only root may signal it (sudo relays the signal).
  const killAs = argv[0] === 'sudo' ? ['sudo', '-n'] : [];
  return new Promise<StepExit>((resolve) => {
    let pgid: number | null = null;
    let exit: { code: number | null; signal: string | null } | null = null;
    let stopped: string | null = null;
    let stderrHead = '';
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    let channel: Ssh2Channel | null = null;
    let closed = false;
    let settled = false;
    const settle = (result: StepExit) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };

    let stopping: Promise<void> | null = null;
    let pgidKnown: () => void = () => {};
    const pgidReported = new Promise<void>((r) => (pgidKnown = r));
    const stop = () =>
      (stopping ??= (async () => {
        // A cancel right after the start can come before the command's first line does.
        if (pgid === null) await Promise.race([pgidReported, delay(PGID_WAIT_MS)]);
        if (pgid === null || pgid === -1 || conn.isClosed()) {
          stopped = conn.isClosed()
            ? 'the connection was gone, so the remote command could not be signalled'
            : 'the command never reported its process group, so only its channel was closed';
        } else {
          stopped = await killRemoteGroup(conn, pgid, killAs, () => closed);
        }
        channel?.close();
        // ssh2 waits for the peer to confirm a close; a peer that is gone never does. The step
        // must still end, so the connection itself goes after a short grace.
        await Promise.race([channelClosed, delay(CLOSE_GRACE_MS)]);
        if (!closed) {
          await conn.close();
          stopped += '; the host did not confirm, so the connection was dropped';
          finish();
        }
      })());
    let markClosed: () => void = () => {};
    const channelClosed = new Promise<void>((r) => (markClosed = r));
    const onAbort = () => void stop();

    const finish = () => {
      const rest = out.end();
      if (rest) onOutput('stdout', rest);
      const restErr = err.end() + stderrHead;
      stderrHead = '';
      if (restErr) onOutput('stderr', restErr);
      const lost = !exit && conn.isClosed();
      settle({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stopped,
        failure: lost && stopping === null ? 'the connection was lost before the command finished' : null,
      });
    };

    conn.client.exec(commandLine, (error, ch) => {
      if (error) return settle({ exitCode: null, signal: null, stopped: null, failure: `cannot start the command: ${error.message}` });
      channel = ch;
      if (signal.aborted) void stop();
      else signal.addEventListener('abort', onAbort, { once: true });
      ch.on('data', (b: Buffer) => onOutput('stdout', out.write(b)));
      ch.stderr.on('data', (b: Buffer) => {
        const text = err.write(b);
        if (pgid !== null) return text && onOutput('stderr', text);
        // Login scripts may print to stderr before our marker: look for it line by line.
        stderrHead += text;
        for (let nl = stderrHead.indexOf('\n'); nl !== -1 && pgid === null; nl = stderrHead.indexOf('\n')) {
          const line = stderrHead.slice(0, nl);
          stderrHead = stderrHead.slice(nl + 1);
          if (line.startsWith(PGID_MARK)) {
            pgid = Number(line.slice(PGID_MARK.length)) || -1;
            pgidKnown();
          } else {
            onOutput('stderr', `${line}\n`);
          }
        }
        if (pgid === null && stderrHead.length > MAX_PREAMBLE_CHARS) {
          pgid = -1;
          pgidKnown();
        }
        if (pgid !== null && stderrHead) {
          onOutput('stderr', stderrHead);
          stderrHead = '';
        }
      });
      ch.on('exit', (code, sig) => (exit = { code: typeof code === 'number' ? code : null, signal: sig ?? null }));
      ch.on('error', () => {});
      ch.on('close', () => {
        closed = true;
        markClosed();
        // A stop in progress finishes its report before the step ends.
        if (stopping) void stopping.then(finish);
        else finish();
      });
      ch.end();
    });
  });
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function killRemoteGroup(conn: SshConnection, pgid: number, killAs: string[], isGone: () => boolean): Promise<string> {
  const group = `-${pgid}`;
  const who = killAs.length ? ' (as root, through sudo)' : '';
  const send = async (sig: 'TERM' | 'KILL'): Promise<string | null> => {
    try {
      const r = await runCommand(conn, [...killAs, 'kill', `-${sig}`, '--', group], { timeoutMs: 5_000 });
      // Gone by now is what we wanted; anything else (not permitted, no sudo) must be said.
      if (r.exitCode !== 0 && !isGone() && !/no such process/i.test(r.stderr)) return `kill -${sig} of process group ${pgid}${who} failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`;
      return null;
    } catch (e) {
      return `could not signal process group ${pgid} on the host: ${(e as Error).message}`;
    }
  };
  const termFailed = await send('TERM');
  if (termFailed) return `${termFailed}; the command may still be running on the host`;
  const until = Date.now() + KILL_GRACE_MS;
  while (Date.now() < until && !isGone()) await delay(100);
  if (isGone()) return `sent SIGTERM to process group ${pgid} on the host${who}`;
  const killFailed = await send('KILL');
  if (killFailed) return `sent SIGTERM, then ${killFailed}; the command may still be running on the host`;
  return `sent SIGTERM, then SIGKILL after ${KILL_GRACE_MS / 1000} s, to process group ${pgid} on the host${who}`;
}

/**
 * Runs a program on this machine from an argument vector (no shell), in a process group of its own
 * so a cancel ends it and its children together.
 */
export function runLocalStep(argv: readonly string[], signal: AbortSignal, onOutput: (stream: OutputStream, text: string) => void): Promise<StepExit> {
  return new Promise<StepExit>((resolve) => {
    let stopped: string | null = null;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), { detached: true, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      return resolve({ exitCode: null, signal: null, stopped: null, failure: `cannot start ${argv[0]}: ${(e as Error).message}` });
    }
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    child.stdout!.on('data', (b: Buffer) => onOutput('stdout', out.write(b)));
    child.stderr!.on('data', (b: Buffer) => onOutput('stderr', err.write(b)));
    let force: NodeJS.Timeout | undefined;
    const killGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // already gone
      }
    };
    const onAbort = () => {
      if (child.pid === undefined || stopped) return;
      stopped = `sent SIGTERM to local process group ${child.pid}`;
      killGroup('SIGTERM');
      force = setTimeout(() => {
        stopped = `sent SIGTERM, then SIGKILL after ${KILL_GRACE_MS / 1000} s, to local process group ${child.pid}`;
        killGroup('SIGKILL');
      }, KILL_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    let spawnError: string | null = null;
    child.on('error', (e) => (spawnError = `cannot start ${argv[0]}: ${e.message}`));
    child.on('close', (code, sig) => {
      clearTimeout(force);
      signal.removeEventListener('abort', onAbort);
      // Children that outlived the leader still belong to the group; they go with it.
      if (child.pid !== undefined) killGroup('SIGKILL');
      const rest = out.end();
      if (rest) onOutput('stdout', rest);
      const restErr = err.end();
      if (restErr) onOutput('stderr', restErr);
      resolve({ exitCode: code, signal: sig, stopped, failure: spawnError });
    });
  });
}
