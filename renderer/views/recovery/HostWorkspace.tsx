import { useCallback, useEffect, useState } from 'react';
import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import type { RunbookSummary } from '../../../preload/schemas/recovery.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useHostsStore } from '../../state/stores-context.tsx';
import { HOSTS_SETTINGS_HREF } from '../settings/settings-route.ts';
import { hostHref, runbookHref } from './recovery-route.ts';
import { RunbookEditor } from './RunbookEditor.tsx';
import { RunbookList } from './RunbookList.tsx';
import { RunPanel } from './RunPanel.tsx';

type Loaded = { status: 'loading' } | { status: 'ready'; runbooks: RunbookSummary[] } | { status: 'failed'; error: ApiError };

/** One host's runbooks and the panel of the one chosen. Runbooks are read when the host is opened; no event announces them. */
export function HostWorkspace({ host, runbookId }: { host: HostSummary; runbookId: string | null }) {
  const listRunbooks = useHostsStore((s) => s.listRunbooks);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [editing, setEditing] = useState(false);

  const load = useCallback(() => {
    let current = true;
    listRunbooks(host.id).then(
      (runbooks) => current && setLoaded({ status: 'ready', runbooks }),
      (err: unknown) => current && setLoaded({ status: 'failed', error: toApiError(err) }),
    );
    return () => {
      current = false;
    };
  }, [listRunbooks, host.id]);
  useEffect(load, [load]);

  const runbooks = loaded.status === 'ready' ? loaded.runbooks : [];
  const chosen = runbookId === null ? undefined : runbooks.find((r) => r.id === runbookId);

  return (
    <section className="card" aria-labelledby="workspace-title">
      <div className="title-row">
        <h2 id="workspace-title">Runbooks for {host.name}</h2>
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            New runbook
          </button>
        )}
      </div>
      {editing && (
        <RunbookEditor
          host={host}
          onSaved={(saved) => {
            setEditing(false);
            load();
            window.location.hash = runbookHref(host.id, saved.id);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {!host.pin && (
        <p className="banner banner-warning" role="status">
          The host key of {host.name} is not pinned, so every step that logs in to it is refused. <a href={HOSTS_SETTINGS_HREF}>Check and pin its key</a> first.
        </p>
      )}
      {loaded.status === 'loading' && <p className="muted">Loading runbooks…</p>}
      {loaded.status === 'failed' && <ErrorBanner title="Could not load the runbooks" error={loaded.error} onRetry={load} />}
      {loaded.status === 'ready' && (
        <div className="recovery-grid">
          <RunbookList host={host} runbooks={runbooks} selectedId={runbookId} />
          {chosen ? (
            <RunPanel
              key={chosen.id}
              host={host}
              runbook={chosen}
              onRemoved={() => {
                load();
                window.location.hash = hostHref(host.id);
              }}
            />
          ) : (
            <p className="muted run-placeholder">
              {runbookId === null ? 'Choose a runbook to see exactly what it would run.' : `There is no runbook “${runbookId}” for ${host.name}.`}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
