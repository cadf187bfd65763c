import type { CategoryReport } from '../../../preload/schemas/scorecard.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PRIORITY_CLASS, pct } from './labels.ts';

const COLUMNS: readonly Column<CategoryReport>[] = [
  { key: 'category', header: 'Category', rowHeader: true, render: (c) => c.name },
  {
    key: 'current',
    header: 'Current',
    render: (c) => (
      <>
        <Bar value={c.current} marker={c.target} kind="current" />
        <span className="bar-text">{pct(c.current)}</span>
      </>
    ),
  },
  { key: 'target', header: 'Target', numeric: true, render: (c) => `${c.target}%` },
  {
    key: 'gap',
    header: 'Gap',
    render: (c) => (
      <>
        <Bar value={c.gap} kind="gap" />
        <span className="bar-text">{pct(c.gap)}</span>
      </>
    ),
  },
  { key: 'priority', header: 'Priority', render: (c) => <span className={`badge ${PRIORITY_CLASS[c.priority]}`}>{c.priority}</span> },
  {
    key: 'checks',
    header: 'Checks (pass / fail / unknown / n/a)',
    numeric: true,
    render: (c) => (
      <>
        {c.counts.pass} / {c.counts.fail} / {c.counts.unknown} / {c.counts.not_applicable}
      </>
    ),
  },
];

/** The reference report's scorecard table, with bars: current against its target, and the gap. */
export function CategoryTable({ categories }: { categories: CategoryReport[] }) {
  return <DataTable columns={COLUMNS} rows={categories} rowKey={(c) => c.name} label="Readiness by category" className="scorecard-table" scrollClassName="table-scroll" />;
}

/** A 0–100 bar; the number beside it is what a reader relies on. */
function Bar({ value, marker, kind }: { value: number | null; marker?: number; kind: 'current' | 'gap' }) {
  return (
    <span className={`bar bar-${kind}`} aria-hidden="true">
      {value !== null && <span className="bar-fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />}
      {marker !== undefined && <span className="bar-marker" style={{ left: `${Math.max(0, Math.min(100, marker))}%` }} />}
    </span>
  );
}
