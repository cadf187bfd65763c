import { Fragment, useState, type ReactNode } from 'react';
import type { CheckReport, CheckStatus } from '../../../preload/schemas/scorecard.ts';
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
  return (
    <>
      <div className="segmented" role="group" aria-label="Show checks">
        {FILTERS.map((f) => (
          <button key={f.value} type="button" aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
            {f.label} ({f.value === 'all' ? checks.length : checks.filter((c) => c.status === f.value).length})
          </button>
        ))}
      </div>
      <div className="checks-scroll">
        <table className="data-table" aria-label="Checks">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Check</th>
              <th scope="col">Category</th>
              <th scope="col">Risk</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <Fragment key={c.id}>
                <tr className={c.id === selectedId ? 'row-selected' : undefined}>
                  <td>
                    <span className={`badge ${STATUS_CLASS[c.status]}`}>{STATUS_LABEL[c.status]}</span>
                  </td>
                  <th scope="row">
                    <button type="button" className="link-button" aria-expanded={c.id === selectedId} onClick={() => onSelect(c.id)}>
                      {c.title}
                    </button>
                  </th>
                  <td>{c.category}</td>
                  <td>{c.risk}</td>
                  <td className="message">{c.reason}</td>
                </tr>
                {c.id === selectedId && detail && (
                  <tr>
                    <td colSpan={5}>{detail}</td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
