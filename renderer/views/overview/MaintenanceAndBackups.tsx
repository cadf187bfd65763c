import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatAt } from '../../format/time.ts';
import { useAlertsStore, useBackupsStore } from '../../state/stores-context.tsx';

/** Maintenance in force or coming, and the last good backup: two things an operator checks first. */
export function MaintenanceAndBackups() {
  const windows = useAlertsStore((s) => s.windows);
  const backups = useBackupsStore((s) => s.backups);
  const active = windows.filter((w) => w.activeNow);
  const upcoming = windows.filter((w) => !w.activeNow && w.next).sort((a, b) => a.next!.start - b.next!.start);
  return (
    <section className="card" aria-labelledby="ops-title">
      <h2 id="ops-title">Maintenance and backups</h2>
      {active.length === 0 && upcoming.length === 0 && <p className="muted">No maintenance windows.</p>}
      {active.length > 0 && (
        <ul aria-label="Maintenance in force">
          {active.map((w) => (
            <li key={w.id}>
              <span className="badge status-maintenance">MAINTENANCE</span> {w.name}: {w.monitorName}
              {w.scope === 'host' ? ' and its dependents' : ''}, until {formatAt(w.activeNow!.end)}; alerts held, checks running.
            </li>
          ))}
        </ul>
      )}
      {upcoming.length > 0 && (
        <p className="muted">
          Next: {upcoming[0]!.name} ({upcoming[0]!.monitorName}) <Timestamp at={upcoming[0]!.next!.start} future />
        </p>
      )}
      {backups && (
        <p>
          Console database backup: <StatusBadge status={backups.evidence.status} /> {backups.evidence.detail}
          {backups.remoteTargets.map((t) => (
            <span key={t.id}>
              ; {t.name}: <StatusBadge status={t.evidence.status} /> {t.evidence.detail}
            </span>
          ))}
          . <a href="#/backups">Backups</a>
        </p>
      )}
    </section>
  );
}
