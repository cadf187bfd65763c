import type { MonitorTarget } from '../../preload/contract.ts';
import type { Outcome } from './monitor-state.ts';
import { evaluateCondition, resolve, toNumber, type ConditionOutcome } from './conditions/evaluate-condition.ts';
import type { Condition, PlaceholderRef } from './conditions/parse-condition.ts';
import type { CheckKind, CheckResult, PinnedHostKeyLookup } from './checks/check-kind.ts';
import { isLoopbackTarget, type NetworkGuard } from './network-guard.ts';
import { errorMessage } from '../core/error-message.ts';

export interface CompiledMonitor {
  target: MonitorTarget;
  kind: CheckKind<MonitorTarget['kind']>;
  conditions: Condition[];
  metric: PlaceholderRef | null;
  timeoutMs: number;
}

export interface RunOutcome {
  at: number;
  outcome: Outcome;
  latencyMs: number | null;
  message: string;
  metric: number | null;
  evidence: Record<string, unknown>;
  conditions: ConditionOutcome[];
  /** Set when the check itself misbehaved (a bug, not a target failure): counts as a loop error. */
  internalError: string | null;
}

/** Grace beyond the timeout for a check that ignores its abort signal. */
const HARD_STOP_GRACE_MS = 1_000;

/**
 * One run of one monitor: the check under a timeout, its conditions, the verdict. A failure seen
 * while this machine is itself offline becomes "unknown", never "down".
 */
export async function runCheck(
  m: CompiledMonitor,
  guard: NetworkGuard,
  shutdown: AbortSignal,
  now = Date.now,
  pinnedHostKey?: PinnedHostKeyLookup,
): Promise<RunOutcome> {
  const at = now();
  const signal = AbortSignal.any([shutdown, AbortSignal.timeout(m.timeoutMs)]);
  let result: CheckResult;
  try {
    result = await withHardStop(m.kind.run(m.target, { signal, timeoutMs: m.timeoutMs, ...(pinnedHostKey && { pinnedHostKey }) }), m.timeoutMs + HARD_STOP_GRACE_MS);
  } catch (err) {
    const message = errorMessage(err);
    return { at, outcome: 'unknown', latencyMs: null, message: `check failed internally: ${message}`, metric: null, evidence: {}, conditions: [], internalError: message };
  }
  const conditions = result.reached ? m.conditions.map((c) => evaluateCondition(c, result.observation)) : [];
  let outcome = verdict(result, conditions);
  let message = result.reached ? summarize(result, conditions) : result.message;
  if (outcome === 'down' && !isLoopbackTarget(targetHost(m.target))) {
    const local = guard.status();
    if (local.offline) {
      outcome = 'unknown';
      message = `${local.reason}; not counted against the target (check said: ${message})`;
    }
  }
  const metric = m.metric && result.reached ? metricValue(m.metric, result) : null;
  return { at, outcome, latencyMs: result.latencyMs, message, metric, evidence: result.evidence, conditions, internalError: null };
}

function verdict(result: CheckResult, conditions: ConditionOutcome[]): Outcome {
  if (!result.reached) return 'down';
  const failed = conditions.filter((c) => !c.satisfied);
  if (failed.length === 0) return 'up';
  // Slow but correct is DEGRADED: only latency conditions failed.
  return failed.every((c) => c.condition.includes('[RESPONSE_TIME]')) ? 'degraded' : 'down';
}

function summarize(result: CheckResult, conditions: ConditionOutcome[]): string {
  const failed = conditions.filter((c) => !c.satisfied);
  if (failed.length === 0) return result.message;
  return `${result.message}; failed: ${failed.map((c) => c.detail).join('; ')}`;
}

function metricValue(ref: PlaceholderRef, result: CheckResult): number | null {
  const r = resolve(ref, result.observation);
  return r.known ? (toNumber(typeof r.value === 'string' ? r.value.trim() : r.value) ?? null) : null;
}

export function targetHost(t: MonitorTarget): string {
  switch (t.kind) {
    case 'http':
      return new URL(t.url).hostname;
    case 'dns':
      return t.resolver ? t.resolver.replace(/:\d+$/, '') : 'system-resolver';
    default:
      return t.host;
  }
}

async function withHardStop<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the check did not stop within ${ms} ms of its timeout`)), ms);
  });
  try {
    return await Promise.race([p, stop]);
  } finally {
    clearTimeout(timer);
  }
}
