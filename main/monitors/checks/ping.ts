import { spawn, type ChildProcess } from 'node:child_process';
import type { CheckContext, CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { startDeadline, type Deadline } from './deadline.ts';
import { describeError, errorCode } from './error-text.ts';
import { parsePingOutput, type PingStats } from './ping-output.ts';
import { hostPort, tcpConnect } from './tcp-connect.ts';

export interface PingOptions {
  /** The ping executable; a bare name is looked up on PATH when the check runs. */
  binary?: string;
  /** Ports tried, in order, when ping cannot be used here. */
  fallbackPorts?: number[];
  platform?: NodeJS.Platform;
}

const DEFAULT_FALLBACK_PORTS = [22, 80, 443];
const INTERVAL_S = 0.2;
/** Enough for any summary; a runaway output is cut rather than buffered. */
const OUTPUT_CAP = 64 * 1024;

/**
 * ICMP echo through the system's `ping` (it holds the raw-socket privilege; this process does not).
 * Where ping is missing or not allowed to open its socket, a TCP connect to a usual port stands in
 * and the result says so.
 */
export function createPingCheck(options: PingOptions = {}): CheckKind<'ping'> {
  const binary = options.binary ?? 'ping';
  const fallbackPorts = options.fallbackPorts ?? DEFAULT_FALLBACK_PORTS;
  const platform = options.platform ?? process.platform;
  return {
    kind: 'ping',
    // Any reply proves the host is up; losing half or more of a handful of probes is trouble even
    // when some get through. With the default 3 probes that allows one loss.
    defaultConditions: ['[CONNECTED] == true', '[PACKET_LOSS] < 50'],
    describe: (target) => target.host,
    async run(target, ctx) {
      // ping would read a leading "-" as an option.
      if (target.host.startsWith('-')) return failure(`host must not start with "-": ${target.host}`, { method: 'icmp' });
      const deadline = startDeadline(ctx);
      try {
        const ran = await runPing(binary, pingArgs(platform, target, ctx), deadline);
        if (ran.kind === 'aborted') return failure(`ping ${target.host}: ${deadline.reason}`, { method: 'icmp' });
        if (ran.kind === 'spawn-error') return await tcpFallback(target.host, fallbackPorts, `ping unavailable (${ran.message})`, deadline);
        const parsed = parsePingOutput(ran.stdout, ran.stderr);
        switch (parsed.kind) {
          case 'stats':
            return fromStats(target.host, parsed.stats, ran);
          case 'not-permitted':
            return await tcpFallback(target.host, fallbackPorts, `ping not permitted (${parsed.message})`, deadline);
          case 'unknown-host':
          case 'error':
            return failure(parsed.message, { method: 'icmp', exitCode: ran.exitCode, output: tail(ran.stdout + ran.stderr) });
        }
      } finally {
        deadline.dispose();
      }
    },
  };
}

export const pingCheck: CheckKind<'ping'> = createPingCheck();

/**
 * The per-reply wait is sized so that ping finishes on its own inside the budget, printing its
 * summary; the deadline's kill is only a backstop.
 */
export function pingArgs(platform: NodeJS.Platform, target: TargetOf<'ping'>, ctx: Pick<CheckContext, 'timeoutMs'>): string[] {
  const count = String(target.count);
  const linux = platform !== 'win32' && platform !== 'darwin' && !platform.endsWith('bsd');
  // Only iputils lets an unprivileged user send faster than one probe a second.
  const sendingMs = (target.count - 1) * (linux ? INTERVAL_S * 1000 : 1000);
  const waitS = Math.min(5, Math.max(1, Math.floor((ctx.timeoutMs - sendingMs - 300) / 1000)));
  if (platform === 'win32') return ['-n', count, '-w', String(waitS * 1000), target.host];
  // BSD/macOS: -W is in milliseconds.
  if (!linux) return ['-n', '-c', count, '-W', String(waitS * 1000), target.host];
  return ['-n', '-c', count, '-i', String(INTERVAL_S), '-W', String(waitS), target.host];
}

type PingRun =
  | { kind: 'exited'; stdout: string; stderr: string; exitCode: number | null }
  | { kind: 'spawn-error'; message: string; code: string | undefined }
  | { kind: 'aborted' };

function runPing(binary: string, args: string[], deadline: Deadline): Promise<PingRun> {
  return new Promise((resolve) => {
    // C locale: the parser reads English summaries.
    let child: ChildProcess;
    try {
      child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' } });
    } catch (err) {
      // Invalid arguments (e.g. a NUL byte) throw here rather than emitting 'error'.
      return resolve({ kind: 'spawn-error', message: describeError(err), code: errorCode(err) });
    }
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (run: PingRun) => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onAbort);
      resolve(run);
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish({ kind: 'aborted' });
    };
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout = (stdout + s).slice(0, OUTPUT_CAP)));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(0, OUTPUT_CAP)));
    child.on('error', (err) => finish({ kind: 'spawn-error', message: describeError(err), code: errorCode(err) }));
    child.once('close', (exitCode) => finish({ kind: 'exited', stdout, stderr, exitCode }));
    if (deadline.signal.aborted) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function fromStats(host: string, s: PingStats, ran: { stdout: string; stderr: string; exitCode: number | null }): CheckResult {
  const reached = s.received > 0;
  const replies = `${s.received}/${s.transmitted} replies from ${host}, ${s.lossPercent}% loss`;
  return {
    reached,
    latencyMs: s.rttAvgMs,
    message: reached ? `${replies}, avg ${s.rttAvgMs} ms` : `no reply from ${host}: ${s.lossPercent}% packet loss`,
    observation: { CONNECTED: reached, PACKET_LOSS: s.lossPercent, RESPONSE_TIME: s.rttAvgMs },
    evidence: { method: 'icmp', ...s, exitCode: ran.exitCode, output: tail(ran.stdout + ran.stderr) },
  };
}

/**
 * One TCP connect counts as one probe. A refused connection counts as a reply: the host's own
 * kernel answered with a reset, which is all ping would have proved.
 */
async function tcpFallback(host: string, ports: number[], why: string, deadline: Deadline): Promise<CheckResult> {
  const tried: string[] = [];
  for (const [i, port] of ports.entries()) {
    // Share what is left of the budget among the ports still to try, so a filtered port 22 does not
    // eat the time for 80 and 443. The last port runs until the deadline itself.
    const slice = new AbortController();
    const last = i === ports.length - 1;
    const timer = last ? undefined : setTimeout(() => slice.abort(), deadline.remainingMs() / (ports.length - i));
    const stopSlice = () => slice.abort();
    deadline.signal.addEventListener('abort', stopSlice, { once: true });
    const attempt = await tcpConnect(host, port, slice.signal, () => (deadline.signal.aborted ? deadline.reason : 'no answer in time'));
    clearTimeout(timer);
    deadline.signal.removeEventListener('abort', stopSlice);
    const answeredMs = attempt.connected ? attempt.ms : attempt.code === 'ECONNREFUSED' ? attempt.ms : null;
    if (answeredMs !== null) {
      const how = attempt.connected ? 'connected' : 'refused the connection';
      return {
        reached: true,
        latencyMs: answeredMs,
        message: `${why}; TCP fallback: ${hostPort(host, port)} ${how} in ${answeredMs} ms`,
        observation: { CONNECTED: true, PACKET_LOSS: 0, RESPONSE_TIME: answeredMs },
        evidence: fallbackEvidence(why, port, answeredMs, tried),
      };
    }
    if (!attempt.connected) tried.push(`${port}: ${attempt.error}`);
    if (deadline.signal.aborted) break;
  }
  const reason = deadline.signal.aborted ? deadline.reason : tried.join('; ');
  return failure(`${why}; TCP fallback: no answer from ${host} on port ${ports.join(', ')} (${reason})`, {
    ...fallbackEvidence(why, null, null, tried),
  });
}

function fallbackEvidence(why: string, port: number | null, ms: number | null, tried: string[]): Record<string, unknown> {
  return {
    method: 'tcp-fallback',
    reason: why,
    port,
    transmitted: 1,
    received: ms === null ? 0 : 1,
    lossPercent: ms === null ? 100 : 0,
    rttMinMs: ms,
    rttAvgMs: ms,
    rttMaxMs: ms,
    failedPorts: tried,
  };
}

function failure(message: string, evidence: Record<string, unknown>): CheckResult {
  return {
    reached: false,
    latencyMs: null,
    message,
    // No probe came back, so there is no loss figure to trust beyond "all of it" and no latency.
    observation: { CONNECTED: false, PACKET_LOSS: 100, RESPONSE_TIME: null },
    evidence,
  };
}

function tail(output: string): string {
  const trimmed = output.trim();
  return trimmed.length > 1000 ? `…${trimmed.slice(-1000)}` : trimmed;
}
