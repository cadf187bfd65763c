import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { Series } from '../../../../preload/contract.ts';
import { formatDuration } from '../../../format/time.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { tickFormatter } from './chart-format.ts';
import { chartTooltip } from './ChartTooltip.tsx';
import { summarizeSeries, uptimeBucketMs, uptimeRows, type UptimeRow } from './series-data.ts';

interface Props {
  series: Series;
  fetchedAt: number;
}

const count = (n: number | null) => (n === null ? 'no results' : String(n));

/** Results per bucket stacked by outcome; a bucket without results has no bar at all. */
export function UptimeChart({ series, fetchedAt }: Props) {
  const rows = uptimeRows(series, fetchedAt);
  const s = summarizeSeries(series);
  const points = rows.filter((r) => r.count > 0).length;
  const good = s.up + s.degraded;
  const judged = good + s.down;
  const tooltip = chartTooltip<UptimeRow>(
    (r) => [
      { label: 'Up', value: count(r.up) },
      { label: 'Degraded', value: count(r.degraded) },
      { label: 'Down', value: count(r.down) },
      { label: 'Unknown', value: count(r.unknown) },
    ],
    () => `(${formatDuration(uptimeBucketMs(series.range))} bucket)`,
  );
  return (
    <ChartFrame
      title="Uptime"
      points={points}
      caption={
        points === 0
          ? ''
          : `${s.results} results: ${s.up} up, ${s.degraded} degraded, ${s.down} down, ${s.unknown} unknown` +
            (judged > 0 ? ` — ${((good / judged) * 100).toFixed(2)} % up, not counting unknown.` : '.')
      }
      legend={
        <p className="chart-legend">
          <span className="key key-up">up</span> <span className="key key-degraded">degraded</span> <span className="key key-down">down</span>{' '}
          <span className="key key-unknown">unknown</span> <span className="muted">Empty columns: no results.</span>
        </p>
      }
    >
      <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
        <CartesianGrid className="chart-grid" vertical={false} />
        <XAxis dataKey="t" tickFormatter={tickFormatter(series.range)} minTickGap={40} />
        <YAxis allowDecimals={false} width={64} />
        <Tooltip content={tooltip} />
        <Bar className="bar-up" dataKey="up" stackId="outcome" fill="#1f7a4d" isAnimationActive={false} />
        <Bar className="bar-degraded" dataKey="degraded" stackId="outcome" fill="#c98a1b" isAnimationActive={false} />
        <Bar className="bar-down" dataKey="down" stackId="outcome" fill="#b3261e" isAnimationActive={false} />
        <Bar className="bar-unknown" dataKey="unknown" stackId="outcome" fill="#8c96a3" isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
