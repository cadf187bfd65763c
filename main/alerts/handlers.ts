import type { Handlers } from '../api/dispatcher.ts';
import type { AlertsService } from './alerts-service.ts';

/** The alerts block of the contract: channels (URLs only ever in the keychain), the alert log, the policy. */
export function alertHandlers(alerts: AlertsService) {
  return {
    listAlertChannels: () => alerts.listChannels(),
    saveAlertChannel: (input) => alerts.saveChannel(input),
    removeAlertChannel: (input) => alerts.removeChannel(input.id),
    testAlertChannel: (input) => alerts.testSend(input.id),
    listAlerts: (input) => alerts.recentAlerts(input.limit),
    getAlertPolicy: () => alerts.policy(),
    updateAlertPolicy: (input) => alerts.setPolicy(input),
  } satisfies Partial<Handlers>;
}
