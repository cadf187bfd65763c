import type { SeriesRange } from '../monitor-labels.ts';
import { RANGE_CHOICES } from '../monitor-labels.ts';

interface Props {
  value: SeriesRange;
  onChange(range: SeriesRange): void;
}

export function RangePicker({ value, onChange }: Props) {
  return (
    <div className="segmented" role="group" aria-label="Time range">
      {RANGE_CHOICES.map((c) => (
        <button key={c.value} type="button" aria-pressed={value === c.value} title={c.label} onClick={() => onChange(c.value)}>
          {c.value}
        </button>
      ))}
    </div>
  );
}
