import { STATUS_ORDER, type StatusCounts as Counts } from '../../state/monitor-collection.ts';
import type { StatusFilter } from './monitor-filter.ts';

interface Props {
  counts: Counts;
  total: number;
  selected: StatusFilter;
  onSelect(status: StatusFilter): void;
}

/** How many monitors are in each status, counted from the data; each count also filters the list. */
export function StatusCounts({ counts, total, selected, onSelect }: Props) {
  return (
    <div className="status-counts" role="group" aria-label="Monitors per status">
      <button type="button" aria-pressed={selected === 'all'} onClick={() => onSelect('all')}>
        All <strong>{total}</strong>
      </button>
      {STATUS_ORDER.map((s) => (
        <button
          key={s}
          type="button"
          className={`count status-${s.toLowerCase()}`}
          aria-pressed={selected === s}
          onClick={() => onSelect(selected === s ? 'all' : s)}
        >
          {s} <strong>{counts[s]}</strong>
        </button>
      ))}
    </div>
  );
}
