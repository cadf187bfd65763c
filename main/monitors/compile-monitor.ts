import type { MonitorDefinition, MonitorTarget } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { CheckKind } from './checks/check-kind.ts';
import { ConditionSyntaxError, parseCondition, parseValueExpression } from './conditions/parse-condition.ts';
import type { CompiledMonitor } from './run-check.ts';

export type CheckRegistry = { [K in MonitorTarget['kind']]: CheckKind<K> };

/** Without a timeout of its own, a check gets 80 % of its interval, capped at 30 s. */
export function effectiveTimeoutMs(def: MonitorDefinition): number {
  const interval = def.intervalSeconds * 1000;
  return def.timeoutSeconds !== undefined ? def.timeoutSeconds * 1000 : Math.min(30_000, Math.floor(interval * 0.8));
}

/**
 * Turns a stored or submitted definition into what the scheduler runs. Everything that can be wrong
 * with a definition is found here, when it is saved, and named by field — conditions with the column.
 */
export function compileMonitor(def: MonitorDefinition, registry: CheckRegistry): CompiledMonitor {
  const kind = registry[def.target.kind] as CheckKind<MonitorTarget['kind']>;
  const sources = def.conditions.length > 0 ? def.conditions : (kind.defaultConditionsFor?.(def.target) ?? kind.defaultConditions);
  const conditions = sources.map((c, i) => {
    try {
      return parseCondition(c);
    } catch (err) {
      if (err instanceof ConditionSyntaxError) {
        throw new ContractError('INVALID_INPUT', `conditions[${i}]: ${err.message}`, `conditions.${i}`);
      }
      throw err;
    }
  });
  let metric = null;
  if (def.metric) {
    try {
      metric = parseValueExpression(def.metric.source);
    } catch (err) {
      if (err instanceof ConditionSyntaxError) throw new ContractError('INVALID_INPUT', `metric.source: ${err.message}`, 'metric.source');
      throw err;
    }
  }
  const timeoutMs = effectiveTimeoutMs(def);
  if (timeoutMs >= def.intervalSeconds * 1000) {
    throw new ContractError(
      'INVALID_INPUT',
      `timeoutSeconds (${def.timeoutSeconds}) must be below intervalSeconds (${def.intervalSeconds}): a check may never overlap its next run`,
      'timeoutSeconds',
    );
  }
  return { target: def.target, kind, conditions, metric, timeoutMs };
}
