import type { Alert } from '../../../preload/schemas/alerts.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatAt, formatDuration } from '../../format/time.ts';
import { useAlertsStore } from '../../state/stores-context.tsx';

const STATE_TEXT: Record<Alert['state'], string> = {
  queued: 'sent to channels',
  held: 'held (maintenance)',
  suppressed: 'suppressed',
  folded: 'folded',
};

/** Every alert, what became of it on each channel, and every attempt: nothing is sent silently. */
export function DeliveryLog() {
  const alerts = useAlertsStore((s) => s.alerts);
  return (
    <section className="card" aria-labelledby="log-title">
      <h2 id="log-title">Alerts and deliveries</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts yet. An alert is raised when an incident opens, not for each failed check.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Delivery log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Alert</th>
                <th scope="col">State</th>
                <th scope="col">Deliveries</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Timestamp at={a.createdAt} />
                  </td>
                  <th scope="row" className="message">
                    {a.title}
                    <span className="sub">{a.message}</span>
                    {a.note && <span className="sub">{a.note}</span>}
                  </th>
                  <td>
                    <span className={`badge alert-${a.state}`}>{STATE_TEXT[a.state]}</span>
                  </td>
                  <td>
                    {a.deliveries.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
