import { useEffect, useState } from 'react';
import type { MonitorDetail } from '../../../../preload/contract.ts';
import { toApiError, type ApiError } from '../../../api/client.ts';
import { ErrorBanner } from '../../../components/ErrorBanner.tsx';
import { useMonitorsStore } from '../../../state/stores-context.tsx';
import { LIST_HREF, monitorHref } from '../monitor-route.ts';
import { draftOf } from './monitor-draft.ts';
import { MonitorForm } from './MonitorForm.tsx';

/** Edits the stored definition, read fresh: the list holds summaries, not definitions. */
export function EditMonitorPage({ id }: { id: number }) {
  const loadDetail = useMonitorsStore((s) => s.loadDetail);
  const [loaded, setLoaded] = useState<{ id: number; detail: MonitorDetail } | { id: number; error: ApiError } | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    loadDetail(id).then(
      (detail) => current && setLoaded({ id, detail }),
      (err: unknown) => current && setLoaded({ id, error: toApiError(err) }),
    );
    return () => {
      current = false;
    };
  }, [id, loadDetail, attempt]);

  const shown = loaded?.id === id ? loaded : null;
  const back = () => (window.location.hash = monitorHref(id));
  return (
    <section className="view" aria-labelledby="view-title">
      <p className="crumbs">
        <a href={LIST_HREF}>← All monitors</a>
      </p>
      <h1 id="view-title">{shown && 'detail' in shown ? `Edit ${shown.detail.definition.name}` : 'Edit monitor'}</h1>
      {!shown && <p className="muted">Loading the monitor…</p>}
      {shown && 'error' in shown && <ErrorBanner title="Could not load the monitor" error={shown.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {shown && 'detail' in shown && (
        <MonitorForm
          title="Definition"
          initial={draftOf(shown.detail.definition)}
          base={{ id, definition: shown.detail.definition }}
          onSaved={back}
          onCancel={back}
        />
      )}
    </section>
  );
}
