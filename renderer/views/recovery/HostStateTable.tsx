import type { HostSummary } from '../../../preload/schemas/hosts.ts';
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
        <div className="table-scroll">
          <table className="data-table host-table" aria-label="Hosts">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">State</th>
                <th scope="col">Measured</th>
                <th scope="col">Host key</th>
                <th scope="col">Last run</th>
              </tr>
            </thead>
            <tbody>
              {hosts.map((h) => (
                <HostRow key={h.id} host={h} selected={h.id === selectedId} staleAfterSeconds={staleAfterSeconds} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HostRow({ host: h, selected, staleAfterSeconds }: { host: HostSummary; selected: boolean; staleAfterSeconds: number | undefined }) {
  const watched = h.state.monitorIds.length > 0;
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row">
        <a href={hostHref(h.id)} aria-current={selected ? 'page' : undefined}>
          {h.name}
        </a>
        <span className="sub">
          {h.user}@{h.address}:{h.port}
        </span>
      </th>
      <td>
        <StatusBadge status={h.state.status} />
        <span className="sub" title={h.state.detail}>
          {watched ? (
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
      </td>
      <td>
        <Timestamp at={h.state.measuredAt} missing={watched ? 'not yet' : 'never'} staleAfterSeconds={staleAfterSeconds} />
      </td>
      <td>
        {h.pin ? (
          <code className="fingerprint" title={`${h.pin.keyType} ${h.pin.fingerprint}`}>
            {h.pin.fingerprint}
          </code>
        ) : (
          <span className="text-danger">
            not pinned — <a href={HOSTS_SETTINGS_HREF}>check its key</a>
          </span>
        )}
      </td>
      <td>
        {h.lastRun ? (
          <>
            {h.lastRun.runbook}{' '}
            {isRunStatus(h.lastRun.status) ? (
              <span className={`badge ${runStatusClass(h.lastRun.status)}`}>{runStatusText(h.lastRun.status)}</span>
            ) : (
              <span className="badge status-unknown">{h.lastRun.status.toUpperCase()}</span>
            )}
            <span className="sub">
              <Timestamp at={h.lastRun.at} />
            </span>
          </>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
    </tr>
  );
}
