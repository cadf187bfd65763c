import type { Handlers } from '../api/dispatcher.ts';
import type { MaintenanceService } from './maintenance-service.ts';
import { SERIES_RANGE_MS } from './series-range.ts';

/** Maintenance windows, and the occurrences that cover one monitor's chart range. */
export function maintenanceHandlers(maintenance: MaintenanceService, requireMonitor: (id: number) => unknown) {
  return {
    listMaintenanceWindows: () => maintenance.list(),
    saveMaintenanceWindow: (input) => maintenance.save(input),
    removeMaintenanceWindow: (input) => maintenance.remove(input.id),
    getMonitorMaintenance: (input) => {
      requireMonitor(input.id);
      const now = Date.now();
      return maintenance.occurrencesFor(input.id, now - SERIES_RANGE_MS[input.range], now);
    },
  } satisfies Partial<Handlers>;
}
