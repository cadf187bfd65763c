import type { Overview } from '../../../preload/contract.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useLoopsStore } from '../../state/stores-context.tsx';
import { monitorHref, newMonitorHref } from '../monitors/monitor-route.ts';

interface Props {
  overview: Overview;
  staleAfterSeconds: number | undefined;
}

type Row = Overview['rows'][number];

/** One row per role, worst monitor first as the core decided; a role nobody monitors says so and offers to fix it. */
export function HealthTable({ overview, staleAfterSeconds }: Props) {
  const m = overview.monitoring;
  const loopsFailing = m.loopsTotal - m.loopsOk;
  const columns: readonly Column<Row>[] = [
    {
      key: 'component',
      header: 'Component',
      rowHeader: true,
      render: (row) => (
        <>
          {row.monitorIds.length === 1 ? <a href={monitorHref(row.monitorIds[0]!)}>{row.label}</a> : row.label}
          {row.monitorIds.length > 1 && <span className="muted"> ({row.monitorIds.length} monitors)</span>}
        </>
      ),
    },
    { key: 'status', header: 'Status', render: (row) => <StatusBadge status={row.status} /> },
    {
      key: 'detail',
      header: 'Detail',
      render: (row) =>
        row.monitorIds.length === 0 ? (
          <>
            no monitor —{' '}
            <a href={newMonitorHref({ role: row.role, projectId: overview.projectId })}>
              add one<span className="visually-hidden"> for {row.label}</span>
            </a>
          </>
        ) : (
          row.detail
        ),
    },
    {
      key: 'measured',
      header: 'Measured',
      render: (row) => <Timestamp at={row.measuredAt} missing={row.monitorIds.length === 0 ? 'never' : 'not yet'} staleAfterSeconds={staleAfterSeconds} />,
    },
  ];
  // The loops are not a role: their summary row follows the roles'.
  const monitoringRow = (
    <tr>
      <th scope="row">Monitoring systems</th>
      <td>
        {m.loopsTotal === 0 ? (
          <span className="badge status-unknown">UNKNOWN</span>
        ) : loopsFailing === 0 ? (
          <span className="badge status-up">OK</span>
        ) : (
          <span className="badge status-down">ATTENTION</span>
        )}
      </td>
      <td>
        {m.loopsOk} of {m.loopsTotal} loops healthy
        <LoopProblems />
      </td>
      <td>
        <Timestamp at={m.measuredAt} />
      </td>
    </tr>
  );
  return <DataTable columns={columns} rows={overview.rows} rowKey={(row) => row.role} className="health-table" trailingRows={monitoringRow} />;
}

function LoopProblems() {
  const loops = useLoopsStore((s) => s.loops);
  const bad = loops.filter((l) => l.state !== 'ok' && l.state !== 'idle');
  if (bad.length === 0) return null;
  return <span className="muted"> ({bad.map((l) => `${l.name}: ${l.state}`).join(', ')})</span>;
}
