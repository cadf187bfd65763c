import type { TooltipContentProps } from 'recharts';
import { formatAt } from '../../../format/time.ts';

export interface TooltipLine {
  label: string;
  value: string;
}

/** Recharts' tooltip with our words: the bucket's exact time, and "unknown" where nothing was measured. */
export function chartTooltip<Row>(describe: (row: Row) => TooltipLine[], bucketLabel: (row: Row) => string = () => '') {
  return function ChartTooltipContent({ active, payload }: TooltipContentProps) {
    // Recharts hands back the data row it was given, typed loosely.
    const row = payload[0]?.payload as (Row & { t: number }) | undefined;
    if (!active || !row) return null;
    return (
      <div className="chart-tooltip">
        <p>
          <strong>{formatAt(row.t)}</strong> {bucketLabel(row)}
        </p>
        {describe(row).map((l) => (
          <p key={l.label}>
            {l.label}: {l.value}
          </p>
        ))}
      </div>
    );
  };
}
