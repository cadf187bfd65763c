import type { Incident } from '../../../preload/contract.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatAt, formatDuration, isoOf } from '../../format/time.ts';
import { monitorHref } from './monitor-route.ts';

interface Props {
  incidents: readonly Incident[];
  /** On a monitor's own page its name would only repeat the heading. */
  showMonitor: boolean;
  label: string;
}

/** Incidents newest first, each with its transitions (from → to, when, why); open ones stand out. */
export function IncidentTimeline({ incidents, showMonitor, label }: Props) {
  if (incidents.length === 0) return <p className="muted">No incidents recorded.</p>;
  return (
    <ol className="incidents" aria-label={label}>
      {incidents.map((i) => (
        <li key={i.id} className={i.closedAt === null ? 'incident incident-open' : 'incident'}>
          <p className="incident-head">
            <span className={i.closedAt === null ? 'badge status-down' : 'badge status-resolved'}>{i.closedAt === null ? 'OPEN' : 'RESOLVED'}</span>{' '}
            {showMonitor && (
              <>
                <a href={monitorHref(i.monitorId)}>{i.monitorName}</a>{' '}
              </>
            )}
            <span className="muted">
              opened <time dateTime={isoOf(i.openedAt)}>{formatAt(i.openedAt)}</time>
              {i.closedAt === null ? (
                <>
                  {' '}
                  (<Timestamp at={i.openedAt} />)
                </>
              ) : (
                <>
                  , resolved <time dateTime={isoOf(i.closedAt)}>{formatAt(i.closedAt)}</time> after {formatDuration(i.closedAt - i.openedAt)}
                </>
              )}
            </span>
          </p>
          <p className="incident-cause">{i.cause}</p>
          {i.events.length > 0 && (
            <ol className="incident-events">
              {i.events.map((e, n) => (
                <li key={n}>
                  <time dateTime={isoOf(e.at)}>{formatAt(e.at)}</time> <StatusBadge status={e.from} /> → <StatusBadge status={e.to} />{' '}
                  <span className="muted">{e.reason}</span>
                </li>
              ))}
            </ol>
          )}
        </li>
      ))}
    </ol>
  );
}
