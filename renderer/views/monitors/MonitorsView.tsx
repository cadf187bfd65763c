import { lazy, Suspense } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useAppStore, useMonitorsStore } from '../../state/stores-context.tsx';
import { EditMonitorPage } from './form/EditMonitorPage.tsx';
import { NewMonitorPage } from './form/NewMonitorPage.tsx';
import { ImportConfigPanel } from './ImportConfigPanel.tsx';
import { MonitorList } from './MonitorList.tsx';
import { newMonitorHref, parseMonitorRoute } from './monitor-route.ts';
import { RecentIncidents } from './RecentIncidents.tsx';

// The charting library is most of the bundle and only the detail page needs it: loaded on first use.
const MonitorDetailPage = lazy(() => import('./detail/MonitorDetailPage.tsx').then((m) => ({ default: m.MonitorDetailPage })));

export function MonitorsView() {
  const path = useAppStore((s) => s.path);
  const route = parseMonitorRoute(path);
  switch (route.page) {
    case 'detail':
      return (
        <Suspense fallback={<p className="muted">Loading the monitor page…</p>}>
          <MonitorDetailPage key={route.id} id={route.id} />
        </Suspense>
      );
    case 'edit':
      return <EditMonitorPage key={route.id} id={route.id} />;
    case 'new':
      return <NewMonitorPage role={route.role} projectId={route.projectId} />;
    case 'list':
      return <MonitorsPage />;
  }
}

function MonitorsPage() {
  const error = useMonitorsStore((s) => s.error);
  const reload = useMonitorsStore((s) => s.reload);
  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <div className="title-row">
        <h1 id="view-title">Monitors</h1>
        <a className="button primary" href={newMonitorHref()}>
          Add monitor
        </a>
      </div>
      {error && <ErrorBanner title="Could not load the monitors" error={error} onRetry={() => void reload()} />}
      <MonitorList />
      <RecentIncidents />
      <ImportConfigPanel />
    </section>
  );
}
