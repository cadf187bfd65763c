import { monitorHandlers } from './handlers.ts';
import { monitorErrors } from './monitor-contract-errors.ts';
import { MonitoringService, type MonitoringOptions } from './monitoring-service.ts';

export { MonitoringService } from './monitoring-service.ts';
export { CHECK_KINDS, describeTarget } from './checks/registry.ts';
export { MONITOR_STATUSES, SEVERITY, severityRank, type MonitorStatus } from './monitor-state.ts';

/** The monitoring engine (not yet started) and its contract block. */
export function createMonitors(deps: MonitoringOptions & { requireProject: (id: string) => unknown }) {
  const { requireProject, ...options } = deps;
  const service = new MonitoringService(options);
  return { service, handlers: monitorHandlers(service, requireProject), errors: monitorErrors };
}
