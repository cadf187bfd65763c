import type Database from 'better-sqlite3';
import type { EventBus } from '../core/event-bus.ts';
import { maintenanceHandlers } from './handlers.ts';
import { MaintenanceService, type MonitorLookup } from './maintenance-service.ts';

export { MaintenanceService } from './maintenance-service.ts';

export function createMaintenance(deps: { db: Database.Database; events: EventBus; monitors: MonitorLookup; requireMonitor: (id: number) => unknown }) {
  const service = new MaintenanceService(deps.db, deps.monitors, deps.events);
  return { service, handlers: maintenanceHandlers(service, deps.requireMonitor) };
}
