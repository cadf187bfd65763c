import { MonitorTargetSchema, type MonitorTarget } from '../../../preload/contract.ts';
import type { CheckContext, CheckResult, TargetOf } from '../../../main/monitors/checks/check-kind.ts';
import { parseCondition } from '../../../main/monitors/conditions/parse-condition.ts';
import { evaluateCondition } from '../../../main/monitors/conditions/evaluate-condition.ts';

/** A target as the engine gets it: validated by the contract, defaults filled in. */
export function target<K extends MonitorTarget['kind']>(kind: K, fields: Record<string, unknown>): TargetOf<K> {
  return MonitorTargetSchema.parse({ kind, ...fields }) as TargetOf<K>;
}

export function ctx(timeoutMs = 5_000, signal: AbortSignal = new AbortController().signal): CheckContext {
  return { signal, timeoutMs };
}

/** Whether a condition holds on the result's observation, through the real parser and evaluator. */
export function holds(result: CheckResult, condition: string): boolean {
  return evaluateCondition(parseCondition(condition), result.observation).satisfied;
}

/** The evaluator's own explanation, for assertion messages. */
export function detail(result: CheckResult, condition: string): string {
  return evaluateCondition(parseCondition(condition), result.observation).detail;
}

/** Every one of the kind's default conditions holds. */
export function defaultsHold(result: CheckResult, defaults: string[]): boolean {
  return defaults.every((c) => holds(result, c));
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * Runs `fn` and fails if it leaves more timers behind than it found: a check that forgets its
 * deadline timer keeps the engine's process busy for the whole budget after every run.
 */
export async function withoutLeakedTimers<T>(fn: () => Promise<T>): Promise<T> {
  const count = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = count();
  const value = await fn();
  if (count() > before) throw new Error(`${count() - before} timer(s) left running after the check returned`);
  return value;
}
