import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useAppStore, useHostsStore } from '../../state/stores-context.tsx';
import { HOSTS_SETTINGS_HREF } from '../settings/settings-route.ts';
import { AuditLog } from './AuditLog.tsx';
import { HostStateTable } from './HostStateTable.tsx';
import { HostWorkspace } from './HostWorkspace.tsx';
import { parseRecoveryRoute } from './recovery-route.ts';

/** Hosts with their measured state, each host's runbooks with a dry run, confirmation and live output, and the audit log. */
export function RecoveryView() {
  const path = useAppStore((s) => s.path);
  const route = parseRecoveryRoute(path);
  const hosts = useHostsStore((s) => s.hosts);
  const status = useHostsStore((s) => s.status);
  const error = useHostsStore((s) => s.error);
  const reload = useHostsStore((s) => s.reload);
  const host = route.hostId === null ? undefined : hosts.find((h) => h.id === route.hostId);

  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <div className="title-row">
        <h1 id="view-title">Recovery</h1>
        <a className="button" href={HOSTS_SETTINGS_HREF}>
          Hosts &amp; Credentials
        </a>
      </div>
      {error && <ErrorBanner title="Could not load the hosts" error={error} onRetry={() => void reload()} />}
      <HostStateTable selectedId={route.hostId} />
      {route.hostId === null && hosts.length > 0 && <p className="muted">Choose a host to see its runbooks.</p>}
      {host && <HostWorkspace key={host.id} host={host} runbookId={route.runbookId} />}
      {route.hostId !== null && !host && status === 'ready' && (
        <p className="banner banner-warning" role="status">
          There is no host number {route.hostId} (any more). Choose one from the list.
        </p>
      )}
      <AuditLog />
    </section>
  );
}
