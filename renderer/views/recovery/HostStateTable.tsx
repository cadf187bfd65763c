import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useHostsStore, useSettingsStore } from '../../state/stores-context.tsx';
import { newMonitorHref } from '../monitors/monitor-route.ts';
import { HOSTS_SETTINGS_HREF } from '../settings/settings-route.ts';
import { hostHref } from './recovery-route.ts';
import { isRunStatus, runStatusClass, runStatusText } from './run-labels.ts';

/** Every host with the state its monitors measured (UNKNOWN when none watches it), its key pin and its last run. */
export function HostStateTable({ selectedId }: { selectedId: number | null }) {
  const hosts = useHostsStore((s) => s.hosts);
  const status = useHostsStore((s) => s.status);
  const staleAfterSeconds = useSettingsStore((s) => s.settings?.staleAfterSeconds);

  return (
    <section className="card" aria-labelledby="recovery-hosts-title">
      <h2 id="recovery-hosts-title">Hosts</h2>
      {status === 'loading' && <p className="muted">Loading hosts…</p>}
      {status === 'ready' && hosts.length === 0 && (
        <p className="muted">
          No hosts yet. Add one or import them from ~/.ssh in <a href={HOSTS_SETTINGS_HREF}>Settings → Hosts &amp; Credentials</a>.
        </p>
      )}
      {hosts.length > 0 && (
        <DataTable
          columns={columns(selectedId, staleAfterSeconds)}
          rows={hosts}
          rowKey={(h) => h.id}
          rowClassName={(h) => (h.id === selectedId ? 'selected' : undefined)}
          label="Hosts"
          className="host-table"
          scrollClassName="table-scroll"
        />
      )}
    </section>
  );
}

function columns(selectedId: number | null, staleAfterSeconds: number | undefined): readonly Column<HostSummary>[] {
  return [
    {
      key: 'host',
      header: 'Host',
      rowHeader: true,
      render: (h) => (
        <>
          <a href={hostHref(h.id)} aria-current={h.id === selectedId ? 'page' : undefined}>
            {h.name}
          </a>
          <span className="sub">
            {h.user}@{h.address}:{h.port}
          </span>
        </>
      ),
    },
    {
      key: 'state',
      header: 'State',
      render: (h) => (
        <>
          <StatusBadge status={h.state.status} />
          <span className="sub" title={h.state.detail}>
            {h.state.monitorIds.length > 0 ? (
              h.state.detail
            ) : (
              <>
                no monitor watches it —{' '}
                <a href={newMonitorHref({ role: 'vm', projectId: h.projectId })}>
                  add one<span className="visually-hidden"> for {h.name}</span>
                </a>
              </>
            )}
          </span>
        </>
      ),
    },
    {
      key: 'measured',
      header: 'Measured',
      render: (h) => <Timestamp at={h.state.measuredAt} missing={h.state.monitorIds.length > 0 ? 'not yet' : 'never'} staleAfterSeconds={staleAfterSeconds} />,
    },
    {
      key: 'key',
      header: 'Host key',
      render: (h) =>
        h.pin ? (
          <code className="fingerprint" title={`${h.pin.keyType} ${h.pin.fingerprint}`}>
            {h.pin.fingerprint}
          </code>
        ) : (
          <span className="text-danger">
            not pinned — <a href={HOSTS_SETTINGS_HREF}>check its key</a>
          </span>
        ),
    },
    { key: 'last-run', header: 'Last run', render: (h) => <LastRun run={h.lastRun} /> },
  ];
}

function LastRun({ run }: { run: HostSummary['lastRun'] }) {
  if (!run) return <span className="muted">none</span>;
  return (
    <>
      {run.runbook}{' '}
      {isRunStatus(run.status) ? (
        <span className={`badge ${runStatusClass(run.status)}`}>{runStatusText(run.status)}</span>
      ) : (
        <span className="badge status-unknown">{run.status.toUpperCase()}</span>
      )}
      <span className="sub">
        <Timestamp at={run.at} />
      </span>
    </>
  );
}
