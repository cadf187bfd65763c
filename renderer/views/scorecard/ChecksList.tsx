import { useState, type ReactNode } from 'react';
import type { CheckReport, CheckStatus } from '../../../preload/schemas/scorecard.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { STATUS_CLASS, STATUS_LABEL } from './labels.ts';

type Filter = 'all' | CheckStatus;
const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'fail', label: 'Failing' },
  { value: 'unknown', label: 'Unknown' },
  { value: 'pass', label: 'Passing' },
  { value: 'not_applicable', label: 'Not applicable' },
];

interface Props {
  checks: CheckReport[];
  selectedId: string | null;
  onSelect(id: string): void;
  /** Shown right under the selected check's row. */
  detail: ReactNode;
}

/** Every check with its status and one-line reason; choosing one opens its evidence. */
export function ChecksList({ checks, selectedId, onSelect, detail }: Props) {
  const [filter, setFilter] = useState<Filter>('all');
  const shown = filter === 'all' ? checks : checks.filter((c) => c.status === filter);
  const columns: readonly Column<CheckReport>[] = [
    { key: 'status', header: 'Status', render: (c) => <span className={`badge ${STATUS_CLASS[c.status]}`}>{STATUS_LABEL[c.status]}</span> },
    {
      key: 'check',
      header: 'Check',
      rowHeader: true,
      render: (c) => (
        <button type="button" className="link-button" aria-expanded={c.id === selectedId} onClick={() => onSelect(c.id)}>
          {c.title}
        </button>
      ),
    },
    { key: 'category', header: 'Category', render: (c) => c.category },
    { key: 'risk', header: 'Risk', render: (c) => c.risk },
    { key: 'reason', header: 'Reason', className: 'message', render: (c) => c.reason },
  ];
  return (
    <>
      <div className="segmented" role="group" aria-label="Show checks">
        {FILTERS.map((f) => (
          <button key={f.value} type="button" aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
            {f.label} ({f.value === 'all' ? checks.length : checks.filter((c) => c.status === f.value).length})
          </button>
        ))}
      </div>
      <DataTable
        columns={columns}
        rows={shown}
        rowKey={(c) => c.id}
        rowClassName={(c) => (c.id === selectedId ? 'row-selected' : undefined)}
        rowDetail={(c) => c.id === selectedId && detail}
        label="Checks"
        scrollClassName="checks-scroll"
      />
    </>
  );
}
