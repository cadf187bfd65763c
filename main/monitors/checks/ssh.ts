import type { CheckContext, CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import type { Observation } from '../conditions/evaluate-condition.ts';
import {
  connect,
  HostKeyMismatchError,
  HostKeyUnknownError,
  hostPort,
  hostReportScript,
  parseHostReport,
  runScript,
  SshError,
  type CommandResult,
  type HostReport,
  type SshConnection,
} from '../../ssh/index.ts';

type SshTarget = TargetOf<'ssh'> | TargetOf<'sqlite-over-ssh'>;

const EVIDENCE_STDOUT_CHARS = 4_096;
const EVIDENCE_STDERR_CHARS = 2_048;
const SUMMARY_UNITS = 5;

/**
 * The operator's command (if any) and the host report (metrics and unit states, if asked for) run
 * side by side on one connection, each on its own channel.
 *
 * Observation: CONNECTED (an authenticated session was opened), RESPONSE_TIME (TCP + handshake +
 * authentication), EXIT_CODE and BODY (stdout less one trailing newline) of the command. Without a
 * command, BODY is the host report as JSON, so `[BODY].memory.usedPercent < 90`,
 * `[BODY].maxDiskUsedPercent < 90` or `[BODY].units.nginx == active` work as conditions.
 */
export const sshCheck: CheckKind<'ssh'> & { defaultConditionsFor(target: TargetOf<'ssh'>): string[] } = {
  kind: 'ssh',
  // Static list for the CheckKind interface; a monitor with a command should also require a zero
  // exit status, which defaultConditionsFor adds (the engine uses it once it knows about it).
  defaultConditions: ['[CONNECTED] == true'],
  defaultConditionsFor: (target) => (hasCommand(target) ? ['[CONNECTED] == true', '[EXIT_CODE] == 0'] : ['[CONNECTED] == true']),
  describe: (target) => `${loginOf(target)}${hasCommand(target) ? ` $ ${clip(target.command!, 60)}` : ''}`,
  run: (target, ctx) =>
    inCheckSession(target, ctx, async (conn, budget) => {
      const wantReport = target.hostMetrics || target.units.length > 0;
      const runOptions = () => ({ signal: budget.signal, timeoutMs: budget.remainingMs() });
      const [command, report] = await Promise.all([
        hasCommand(target) ? settle(runScript(conn, target.command!, runOptions())) : null,
        wantReport ? settle(runScript(conn, hostReportScript({ metrics: target.hostMetrics, units: target.units }), runOptions())) : null,
      ]);
      return sshResult(target, conn, command, report && mapSettled(report, (r) => parseHostReport(r.stdout, target.units)));
    }),
};

function hasCommand(target: TargetOf<'ssh'>): boolean {
  return target.command !== undefined && target.command.trim() !== '';
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: SshError };

/** A target's failure (SshError) becomes a value; anything else is a bug and keeps propagating. */
async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    if (error instanceof SshError) return { ok: false, error };
    throw error;
  }
}

function mapSettled<T, U>(s: Settled<T>, f: (v: T) => U): Settled<U> {
  return s.ok ? { ok: true, value: f(s.value) } : s;
}

function sshResult(
  target: TargetOf<'ssh'>,
  conn: SshConnection,
  command: Settled<CommandResult> | null,
  report: Settled<HostReport> | null,
): CheckResult {
  const observation: Observation = { CONNECTED: true, RESPONSE_TIME: conn.connectMs };
  const evidence: Record<string, unknown> = { ...sessionEvidence(target, conn) };
  const parts = [`${loginOf(target)} connected in ${conn.connectMs} ms`];
  let reached = true;

  if (command?.ok) {
    const c = command.value;
    observation.EXIT_CODE = c.exitCode;
    observation.BODY = c.stdout.replace(/\r?\n$/, '');
    Object.assign(evidence, commandEvidence(c));
    parts.push(describeExit(c));
  } else if (command) {
    // Without an exit status nothing about the command is known: not a pass under any condition.
    reached = false;
    evidence.commandError = command.error.message;
    parts.push(command.error.message);
  }

  if (report?.ok) {
    const { units, ...metrics } = report.value;
    if (target.hostMetrics) evidence.metrics = metrics;
    if (target.units.length > 0) evidence.units = units;
    if (!command) observation.BODY = JSON.stringify(target.hostMetrics ? report.value : { units });
    const summary = [target.hostMetrics ? describeMetrics(report.value) : '', describeUnits(units)].filter(Boolean);
    parts.push(...summary);
  } else if (report) {
    evidence.hostReportError = report.error.message;
    parts.push(`host report: ${report.error.message}`);
  }

  return { reached, latencyMs: conn.connectMs, message: parts.join('; '), observation, evidence };
}

function commandEvidence(c: CommandResult): Record<string, unknown> {
  const stdout = clipWithFlag(c.stdout, EVIDENCE_STDOUT_CHARS);
  const stderr = clipWithFlag(c.stderr, EVIDENCE_STDERR_CHARS);
  return {
    exitCode: c.exitCode,
    signal: c.signal,
    stdout: stdout.text,
    stderr: stderr.text,
    stdoutTruncated: stdout.clipped || c.stdoutTruncated,
    stderrTruncated: stderr.clipped || c.stderrTruncated,
    commandMs: c.durationMs,
  };
}

function describeExit(c: CommandResult): string {
  if (c.exitCode === 0) return 'exit 0';
  const why = firstLine(c.stderr) || firstLine(c.stdout);
  const status = c.exitCode !== null ? `exit ${c.exitCode}` : c.signal ? `killed by ${c.signal}` : 'no exit status';
  return why ? `${status}: ${clip(why, 120)}` : status;
}

function describeMetrics(r: HostReport): string {
  const bits: string[] = [];
  if (r.load) bits.push(`load ${r.load.load1}${r.cpus ? `/${r.cpus} cpus` : ''}`);
  if (r.memory) bits.push(`memory ${r.memory.usedPercent}% used`);
  const fullest = [...r.disks].sort((a, b) => b.usedPercent - a.usedPercent)[0];
  if (fullest) bits.push(`${fullest.mount} ${fullest.usedPercent}% full`);
  return bits.length ? bits.join(', ') : 'no host metrics readable (not Linux?)';
}

function describeUnits(units: Record<string, string>): string {
  const entries = Object.entries(units);
  if (entries.length === 0) return '';
  const shown = entries.slice(0, SUMMARY_UNITS).map(([name, state]) => `${name} ${state}`);
  const more = entries.length > SUMMARY_UNITS ? `, +${entries.length - SUMMARY_UNITS} more` : '';
  return `units: ${shown.join(', ')}${more}`;
}

// ── Shared with sqlite-over-ssh ─────────────────────────────────────────────────────────────────

export interface RunBudget {
  /** The engine's abort (shutdown or its own deadline). */
  signal: AbortSignal;
  /** What is left of the run's timeout, at least 1 ms so a step still fails by itself. */
  remainingMs(): number;
}

function runBudget(ctx: CheckContext): RunBudget {
  const started = performance.now();
  return { signal: ctx.signal, remainingMs: () => Math.max(1, Math.floor(ctx.timeoutMs - (performance.now() - started))) };
}

export function loginOf(target: SshTarget): string {
  return `${target.user}@${hostPort(target.host, target.port)}`;
}

/**
 * Runs a check's `body` in a session opened within the run's budget, and closes the session after.
 * A failure to open one comes back as the finished, unreached result; `body` does not run.
 */
export async function inCheckSession(
  target: SshTarget,
  ctx: CheckContext,
  body: (conn: SshConnection, budget: RunBudget) => Promise<CheckResult>,
): Promise<CheckResult> {
  const budget = runBudget(ctx);
  const opened = await openCheckSession(target, budget, target.hostKey ?? ctx.pinnedHostKey?.(target.host, target.port) ?? null);
  if ('failed' in opened) return opened.failed;
  const { conn } = opened;
  try {
    return await body(conn, budget);
  } finally {
    await conn.close();
  }
}

/** Opens the session a check runs in; a failure comes back as the finished, unreached result. */
async function openCheckSession(
  target: SshTarget,
  budget: RunBudget,
  expectedHostKey: string | null,
): Promise<{ conn: SshConnection } | { failed: CheckResult }> {
  try {
    const conn = await connect({
      host: target.host,
      port: target.port,
      user: target.user,
      privateKeyPath: target.privateKeyPath,
      useAgent: target.useAgent,
      expectedHostKey,
      signal: budget.signal,
      timeoutMs: budget.remainingMs(),
    });
    return { conn };
  } catch (err) {
    if (err instanceof SshError) return { failed: connectFailure(target, err) };
    throw err;
  }
}

/**
 * Any failure to get a session is "not reached": with no session nothing could be checked, and
 * a wrong key or user must not pass as "up" under a monitor's conditions. A changed host key is
 * marked so the UI can tell it from an outage: it may be an attack, or a rebuild that needs a re-pin.
 */
export function connectFailure(target: SshTarget, err: SshError): CheckResult {
  const evidence: Record<string, unknown> = { target: loginOf(target), error: err.kind };
  if (err instanceof HostKeyMismatchError) {
    Object.assign(evidence, { hostKey: 'mismatch', pinned: err.pinned, offered: err.offered.fingerprint, offeredKeyType: err.offered.keyType });
  } else if (err instanceof HostKeyUnknownError) {
    Object.assign(evidence, { hostKey: 'unknown', offered: err.offered.fingerprint, offeredKeyType: err.offered.keyType });
  }
  return { reached: false, latencyMs: null, message: err.message, observation: { CONNECTED: false }, evidence };
}

export function sessionEvidence(target: SshTarget, conn: SshConnection): Record<string, unknown> {
  return { target: loginOf(target), hostKey: 'ok', keyType: conn.hostKey.keyType, connectMs: conn.connectMs };
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function clipWithFlag(text: string, max: number): { text: string; clipped: boolean } {
  return text.length > max ? { text: text.slice(0, max), clipped: true } : { text, clipped: false };
}

export function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}
