import type { LoopHealth } from '../../../preload/contract.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatDuration } from '../../format/time.ts';
import { useLoopsStore } from '../../state/stores-context.tsx';

const COLUMNS: readonly Column<LoopHealth>[] = [
  {
    key: 'loop',
    header: 'Loop',
    rowHeader: true,
    title: (l) => l.description,
    render: (l) => (
      <>
        {l.name}
        <span className="sub">{l.description}</span>
      </>
    ),
  },
  { key: 'state', header: 'State', render: (l) => <span className={`badge loop-${l.state}`}>{l.state}</span> },
  { key: 'runs', header: 'Runs', numeric: true, render: (l) => l.runs },
  { key: 'errors', header: 'Errors', numeric: true, render: (l) => l.errors },
  { key: 'last-run', header: 'Last run', render: (l) => <Timestamp at={l.lastRunAt} /> },
  { key: 'took', header: 'Took', numeric: true, render: (l) => (l.lastDurationMs === null ? <span className="muted">unknown</span> : formatDuration(l.lastDurationMs)) },
  { key: 'next-run', header: 'Next run', render: (l) => <Timestamp at={l.nextRunAt} missing="not scheduled" future /> },
  { key: 'last-error', header: 'Last error', className: 'message', render: (l) => l.lastError ?? <span className="muted">none</span> },
];

/** Each background loop's own health, as it reported its runs: a stuck loop shows as late, not as fine. */
export function LoopsTable() {
  const loops = useLoopsStore((s) => s.loops);
  const status = useLoopsStore((s) => s.status);
  const error = useLoopsStore((s) => s.error);
  const reload = useLoopsStore((s) => s.reload);
  if (error && loops.length === 0) return <ErrorBanner title="Could not read the loops" error={error} onRetry={() => void reload()} />;
  if (status === 'loading') return <p className="muted">Loading loops…</p>;
  return <DataTable columns={COLUMNS} rows={loops} rowKey={(l) => l.name} scrollClassName="table-scroll" empty="No loops are registered." />;
}
