import { monitorHandlers } from './handlers.ts';
import { monitorErrors } from './monitor-contract-errors.ts';
import { MonitoringService, type MonitoringOptions } from './monitoring-service.ts';

export { MonitoringService } from './monitoring-service.ts';
export type { CheckKind } from './checks/check-kind.ts';
export { CHECK_KINDS, checkRegistry, describeTarget } from './checks/registry.ts';
export type { CheckRegistry } from './compile-monitor.ts';
export { ConditionSyntaxError, parseCondition, parseValueExpression } from './conditions/parse-condition.ts';
export type { FileMonitor } from './file-monitor.ts';
export type { StoredState } from './monitor-queries.ts';
export type { MonitorRecord } from './monitor-repository.ts';
export { MONITOR_STATUSES, severityRank, type MonitorStatus } from './monitor-state.ts';
export { NetworkGuard } from './network-guard.ts';
export { runCheck, targetHost } from './run-check.ts';

/** The monitoring engine (not yet started) and its contract block. */
export function createMonitors(deps: MonitoringOptions & { requireProject: (id: string) => unknown }) {
  const { requireProject, ...options } = deps;
  const service = new MonitoringService(options);
  return { service, handlers: monitorHandlers(service, requireProject), errors: monitorErrors };
}
