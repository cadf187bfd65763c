import type { Alert } from '../../../preload/schemas/alerts.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatAt, formatDuration } from '../../format/time.ts';
import { useAlertsStore } from '../../state/stores-context.tsx';

const STATE_TEXT: Record<Alert['state'], string> = {
  queued: 'sent to channels',
  held: 'held (maintenance)',
  suppressed: 'suppressed',
  folded: 'folded',
};

const COLUMNS: readonly Column<Alert>[] = [
  { key: 'when', header: 'When', render: (a) => <Timestamp at={a.createdAt} /> },
  {
    key: 'alert',
    header: 'Alert',
    rowHeader: true,
    className: 'message',
    render: (a) => (
      <>
        {a.title}
        <span className="sub">{a.message}</span>
        {a.note && <span className="sub">{a.note}</span>}
      </>
    ),
  },
  { key: 'state', header: 'State', render: (a) => <span className={`badge alert-${a.state}`}>{STATE_TEXT[a.state]}</span> },
  { key: 'deliveries', header: 'Deliveries', render: (a) => <Deliveries alert={a} /> },
];

/** Every alert, what became of it on each channel, and every attempt: nothing is sent silently. */
export function DeliveryLog() {
  const alerts = useAlertsStore((s) => s.alerts);
  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">Alerts and deliveries</h2>
      <DataTable
        columns={COLUMNS}
        rows={alerts}
        rowKey={(a) => a.id}
        label="Delivery log"
        scrollClassName="table-scroll"
        empty="No alerts yet. An alert is raised when an incident opens, not for each failed check."
      />
    </section>
  );
}

/** What became of an alert on each channel, every attempt included. */
function Deliveries({ alert: a }: { alert: Alert }) {
  if (a.deliveries.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="delivery-list">
      {a.deliveries.map((d) => (
        <li key={d.id}>
          <details>
            <summary>
              {d.channelName}: <span className={`badge delivery-${d.status}`}>{d.status}</span> after {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
              {d.status === 'retrying' && d.nextAttemptAt !== null && (
                <>
                  , next <Timestamp at={d.nextAttemptAt} future />
                </>
              )}
            </summary>
            <ol className="attempt-list">
              {d.log.map((at, i) => (
                <li key={i}>
                  <time dateTime={new Date(at.at).toISOString()}>{formatAt(at.at)}</time> — {at.ok ? 'ok' : 'failed'}
                  {at.httpStatus !== null && `, HTTP ${at.httpStatus}`}, {formatDuration(at.durationMs)}
                  {at.error && <span className="text-danger">: {at.error}</span>}
                </li>
              ))}
            </ol>
          </details>
        </li>
      ))}
    </ul>
  );
}
