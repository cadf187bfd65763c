import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import type { RunbookSummary } from '../../../preload/schemas/recovery.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { runbookHref } from './recovery-route.ts';

export function RunbookList({ host, runbooks, selectedId }: { host: HostSummary; runbooks: readonly RunbookSummary[]; selectedId: string | null }) {
  if (runbooks.length === 0) return <p className="muted">No runbooks are offered for {host.name}.</p>;
  return (
    <nav aria-label={`Runbooks for ${host.name}`}>
      <ul className="runbook-list">
        {runbooks.map((r) => (
          <li key={r.id} className={r.id === selectedId ? 'selected' : undefined}>
            <a href={runbookHref(host.id, r.id)} aria-current={r.id === selectedId ? 'page' : undefined}>
              {r.name}
            </a>{' '}
            <span className={`danger-tag danger-${r.danger}`}>{r.danger}</span>
            {!r.builtin && <span className="muted"> · custom</span>}
            {r.description && <span className="sub wrap">{r.description}</span>}
            {r.schedule && (
              <span className="sub">
                {r.schedule}
                {r.nextRunAt !== null && (
                  <>
                    {' '}
                    · next <Timestamp at={r.nextRunAt} future />
                  </>
                )}
              </span>
            )}
            {!r.available && <span className="sub wrap text-danger">Not available here: {r.unavailableReason ?? 'no reason given'}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}
