import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useIncidentsStore } from '../../state/stores-context.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';

const SHOWN = 10;

export function RecentIncidents() {
  const incidents = useIncidentsStore((s) => s.incidents);
  const status = useIncidentsStore((s) => s.status);
  const error = useIncidentsStore((s) => s.error);
  const reload = useIncidentsStore((s) => s.reload);
  const open = incidents.filter((i) => i.closedAt === null).length;
  return (
    <section className="card" aria-labelledby="recent-incidents-title">
      <h2 id="recent-incidents-title">
        Recent incidents <span className="muted">({open === 0 ? 'none open' : `${open} open`})</span>
      </h2>
      {error && <ErrorBanner title="Could not load the incidents" error={error} onRetry={() => void reload()} />}
      {status === 'loading' ? <p className="muted">Loading incidents…</p> : <IncidentTimeline incidents={incidents.slice(0, SHOWN)} showMonitor label="Recent incidents" />}
    </section>
  );
}
