import type { Handlers } from '../api/dispatcher.ts';
import type { MonitoringService } from './monitoring-service.ts';

/** The monitors block of the contract; a monitor's project must exist before it is saved into it. */
export function monitorHandlers(monitoring: MonitoringService, requireProject: (id: string) => unknown) {
  return {
    listMonitors: (input) => monitoring.list(input.projectId),
    getMonitor: (input) => monitoring.get(input.id),
    getMonitorSeries: (input) => monitoring.series(input.id, input.range),
    saveMonitor: (input) => {
      if (input.projectId !== null) requireProject(input.projectId);
      return monitoring.save(input);
    },
    removeMonitor: (input) => monitoring.remove(input.id),
    setMonitorPaused: (input) => monitoring.setPaused(input.id, input.paused),
    listIncidents: (input) => monitoring.incidents(input.monitorId, input.limit),
  } satisfies Partial<Handlers>;
}
