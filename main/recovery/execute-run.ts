import { createHash } from 'node:crypto';
import type { RunSummary } from '../../preload/schemas/recovery.ts';
import { connectToHost, hostState, monitorsOfHost, type HostRecord } from '../hosts/index.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { SecretStore } from '../secrets/index.ts';
import { fingerprintsEqual, probeHostKey, type SshConnection } from '../ssh/index.ts';
import type { PlannedStep } from './plan-runbook.ts';
import { runLocalStep, runRemoteStep, type OutputStream, type StepExit } from './step-process.ts';

/** The audit log keeps the first MiB of a run's output; the digest covers all of it. */
export const MAX_STORED_OUTPUT_BYTES = 1024 * 1024;
/** Live output sent to the window per run. */
const MAX_STREAMED_OUTPUT_BYTES = 4 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 15_000;
const PROBE_TIMEOUT_MS = 5_000;

export interface ExecuteDeps {
  host: HostRecord;
  secrets: SecretStore;
  monitoring: MonitoringService;
  /** Live output, as it arrives. */
  emit: (stream: OutputStream | 'info', text: string) => void;
  /** Pause between polls of SSH and monitors; tests shorten it. */
  pollMs?: number;
  /** Resolves a local program to the file that runs: the same lookup that decided it is offered. */
  which: (program: string) => string | null;
}

export interface ExecuteResult {
  status: Exclude<RunSummary['status'], 'running'>;
  exitCode: number | null;
  error: string | null;
  recovered: boolean | null;
  verification: string | null;
  output: string;
  outputBytes: number;
  outputSha256: string;
}

/**
 * Runs planned steps in order under `cancel` and `timeout`, then re-runs the host's monitors and
 * records whether it is well. Never throws: every failure ends up in the result (and so the audit).
 */
export async function executeRun(steps: readonly PlannedStep[], deps: ExecuteDeps, signals: { cancel: AbortSignal; timeout: AbortSignal }): Promise<ExecuteResult> {
  const output = new OutputRecorder((stream, text) => deps.emit(stream, text));
  const info = (text: string) => output.push('info', `${text}\n`);
  const signal = AbortSignal.any([signals.cancel, signals.timeout]);
  const pollMs = deps.pollMs ?? 2_000;
  let conn: SshConnection | null = null;
  let exitCode: number | null = null;
  let error: string | null = null;
  let verified: { recovered: boolean | null; verification: string } | null = null;
  // Which signal ended the steps, if one did; one that comes while tidying up changes nothing.
  let endedBy: 'cancel' | 'timeout' | null = null;

  const session = async () => {
    if (conn && !conn.isClosed()) return conn;
    conn = await connectToHost(deps.host, deps.secrets, { signal, timeoutMs: CONNECT_TIMEOUT_MS });
    return conn;
  };

  try {
    for (const [i, step] of steps.entries()) {
      if (signal.aborted) break;
      info(`── step ${i + 1}/${steps.length}: ${step.title ?? step.display}`);
      info(`$ ${step.display}`);
      const started = performance.now();
      if ('remote' in step || 'local' in step) {
        let exit: StepExit;
        if ('remote' in step) {
          let ssh: SshConnection;
          try {
            ssh = await session();
          } catch (err) {
            // No session means no step can run: stop here rather than "continue" past every step.
            error = `cannot open an SSH session to ${deps.host.name}: ${(err as Error).message}`;
            info(error);
            break;
          }
          exit = await runRemoteStep(ssh, step.remote, signal, (s, t) => output.push(s, t));
        } else {
          const program = deps.which(step.local[0]!);
          exit = program
            ? await runLocalStep([program, ...step.local.slice(1)], signal, (s, t) => output.push(s, t))
            : { exitCode: null, signal: null, stopped: null, failure: `${step.local[0]} is not installed (not found on PATH)` };
        }
        exitCode = exit.exitCode;
        const took = Math.round(performance.now() - started);
        if (exit.stopped) info(`stopped: ${exit.stopped}`);
        if (signal.aborted) break;
        const disconnectedAsExpected = 'remote' in step && step.expectDisconnect === true && (exit.failure !== null || exit.exitCode === null);
        if (disconnectedAsExpected) {
          info(`the connection dropped, as expected (${took} ms)`);
          conn = null;
          continue;
        }
        if (exit.failure !== null) {
          info(`failed: ${exit.failure}`);
          if ('continueOnError' in step && step.continueOnError) continue;
          error = `step ${i + 1} (${step.title ?? step.display}): ${exit.failure}`;
          break;
        }
        info(`exit ${exit.exitCode ?? `signal ${exit.signal}`} in ${took} ms`);
        if (exit.exitCode !== 0 && !step.continueOnError) {
          error = `step ${i + 1} (${step.title ?? step.display}) exited with ${exit.exitCode ?? `signal ${exit.signal}`}`;
          break;
        }
      } else if ('waitForSsh' in step) {
        conn = null;
        const waited = await waitForSsh(deps.host, step.waitForSsh, signal, pollMs, info);
        if (waited !== null) {
          error = `step ${i + 1}: ${waited}`;
          break;
        }
      } else {
        verified = await verifyMonitors(deps, step.verifyMonitors.timeoutSeconds * 1000, signal, pollMs, info);
        if (verified.recovered === false) {
          error = `step ${i + 1}: ${verified.verification}`;
          break;
        }
      }
    }
    endedBy = signals.cancel.aborted ? 'cancel' : signals.timeout.aborted ? 'timeout' : null;
  } finally {
    await (conn as SshConnection | null)?.close();
  }

  const status: ExecuteResult['status'] = endedBy === 'cancel' ? 'cancelled' : endedBy === 'timeout' ? 'timed-out' : error ? 'failed' : 'succeeded';
  if (status === 'cancelled') info('cancelled by the operator');
  if (status === 'timed-out') info('stopped: the runbook ran past its timeout');
  // The host's monitors judge the outcome, whatever the commands said.
  verified ??= await verifyMonitors(deps, 0, new AbortController().signal, pollMs, info);
  return {
    status,
    exitCode,
    error: status === 'cancelled' ? 'cancelled by the operator' : status === 'timed-out' ? 'the runbook ran past its timeout' : error,
    recovered: verified.recovered,
    verification: verified.verification,
    ...output.finish(),
  };
}

/** Polls the SSH handshake (no login) until the host answers with its pinned key. */
async function waitForSsh(
  host: HostRecord,
  opts: { timeoutSeconds: number; afterDisconnect?: boolean },
  signal: AbortSignal,
  pollMs: number,
  info: (t: string) => void,
): Promise<string | null> {
  const until = Date.now() + opts.timeoutSeconds * 1000;
  if (!host.pin) return `the host key of ${host.name} is not pinned, so an answer could come from anyone; pin it first`;
  const answers = async (): Promise<'yes' | 'no' | string> => {
    try {
      const offered = await probeHostKey(host.address, host.port, PROBE_TIMEOUT_MS, signal, host.pin?.keyType);
      if (host.pin && !fingerprintsEqual(host.pin.fingerprint, offered.fingerprint)) {
        return `the host answered with key ${offered.fingerprint}, not the pinned ${host.pin.fingerprint}; refusing to continue`;
      }
      return 'yes';
    } catch {
      return 'no';
    }
  };
  if (opts.afterDisconnect) {
    info('waiting for the host to go down…');
    for (;;) {
      if (signal.aborted) return 'stopped';
      const a = await answers();
      if (a === 'no') break;
      if (Date.now() > until) return `the host never stopped answering within ${opts.timeoutSeconds} s`;
      await sleep(pollMs, signal);
    }
  }
  info('waiting for SSH to answer…');
  for (;;) {
    if (signal.aborted) return 'stopped';
    const a = await answers();
    if (a === 'yes') {
      info('SSH answers with the pinned key');
      return null;
    }
    if (a !== 'no') return a;
    if (Date.now() > until) return `SSH did not answer within ${opts.timeoutSeconds} s`;
    await sleep(pollMs, signal);
  }
}

/** Re-runs the host's monitors until all are UP or time runs out; one round when `budgetMs` is 0. */
async function verifyMonitors(
  deps: Pick<ExecuteDeps, 'host' | 'monitoring'>,
  budgetMs: number,
  signal: AbortSignal,
  pollMs: number,
  info: (t: string) => void,
): Promise<{ recovered: boolean | null; verification: string }> {
  const ids = monitorsOfHost(deps.host.address, deps.monitoring.snapshot()).map((m) => m.record.id);
  if (ids.length === 0) {
    const verification = `no monitor watches ${deps.host.address}, so recovery could not be verified`;
    info(verification);
    return { recovered: null, verification };
  }
  const until = Date.now() + budgetMs;
  for (let round = 1; ; round++) {
    await Promise.all(ids.map((id) => deps.monitoring.runNow(id).catch(() => undefined)));
    const state = hostState(deps.host.address, deps.monitoring.snapshot());
    if (state.status === 'UP') {
      const verification = `${ids.length === 1 ? 'the one monitor of the host is UP' : `all ${ids.length} monitors of the host are UP`} (round ${round})`;
      info(verification);
      return { recovered: true, verification };
    }
    if (signal.aborted || Date.now() + pollMs > until) {
      const verification = `not recovered: ${state.status} — ${state.detail}`;
      info(verification);
      return { recovered: false, verification };
    }
    info(`monitors: ${state.status} — ${state.detail}; checking again`);
    await sleep(pollMs, signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Keeps the start of the output for the audit log and a digest of all of it. */
class OutputRecorder {
  private readonly hash = createHash('sha256');
  private readonly kept: string[] = [];
  private keptBytes = 0;
  private total = 0;
  private streamedBytes = 0;

  constructor(private readonly sink: (stream: OutputStream | 'info', text: string) => void) {}

  push(stream: OutputStream | 'info', text: string): void {
    if (text === '') return;
    const bytes = Buffer.byteLength(text);
    this.hash.update(text);
    this.total += bytes;
    if (this.keptBytes < MAX_STORED_OUTPUT_BYTES) {
      const room = MAX_STORED_OUTPUT_BYTES - this.keptBytes;
      const piece = bytes <= room ? text : Buffer.from(text).subarray(0, room).toString('utf8');
      this.kept.push(piece);
      this.keptBytes += Buffer.byteLength(piece);
    }
    // The window is fed only so much; a flood would swamp the event channel for nothing.
    if (this.streamedBytes < MAX_STREAMED_OUTPUT_BYTES) {
      this.streamedBytes += bytes;
      this.sink(stream, text);
      if (this.streamedBytes >= MAX_STREAMED_OUTPUT_BYTES) {
        this.sink('info', `\n[live output stops here after ${MAX_STREAMED_OUTPUT_BYTES / 1024 / 1024} MiB; the run goes on, the audit keeps the first MiB and the SHA-256 of all of it]\n`);
      }
    }
  }

  finish(): { output: string; outputBytes: number; outputSha256: string } {
    return { output: this.kept.join(''), outputBytes: this.total, outputSha256: this.hash.digest('hex') };
  }
}
