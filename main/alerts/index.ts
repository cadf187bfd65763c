import { AlertsService, type AlertsOptions } from './alerts-service.ts';
import { alertHandlers } from './handlers.ts';

export { AlertsService, alertMonitorsOf } from './alerts-service.ts';

export function createAlerts(deps: AlertsOptions) {
  const service = new AlertsService(deps);
  return { service, handlers: alertHandlers(service) };
}
