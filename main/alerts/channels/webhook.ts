import { severityOf, type AlertMessage } from '../alert-message.ts';
import type { ChannelKind } from './channel-kind.ts';

/** Generic JSON POST: a stable, documented shape for anything that accepts webhooks. */
export const webhookChannel: ChannelKind = {
  kind: 'webhook',
  transport: 'webhook',
  render: (m: AlertMessage) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'photon-console',
      alertId: m.alertId,
      kind: m.kind,
      severity: severityOf(m.kind),
      title: m.title,
      message: m.message,
      monitor: m.monitorId === null ? null : { id: m.monitorId, name: m.monitorName },
      incidentId: m.incidentId,
      at: new Date(m.at).toISOString(),
    }),
  }),
};
