export const ALERT_KINDS = ['open', 'reminder', 'resolved', 'flapping', 'flapping-ended', 'test'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What a channel renders: everything a person needs, nothing secret. */
export interface AlertMessage {
  alertId: number;
  kind: AlertKind;
  title: string;
  message: string;
  monitorId: number | null;
  monitorName: string;
  incidentId: number | null;
  at: number;
}

/** Severity used by channels that colour or prioritise (Discord colour, ntfy priority). */
export function severityOf(kind: AlertKind): 'critical' | 'warning' | 'ok' | 'info' {
  if (kind === 'open' || kind === 'reminder') return 'critical';
  if (kind === 'flapping') return 'warning';
  if (kind === 'resolved' || kind === 'flapping-ended') return 'ok';
  return 'info';
}
