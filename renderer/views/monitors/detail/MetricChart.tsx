import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { MonitorDefinition, Series } from '../../../../preload/contract.ts';
import { formatMetric } from '../../../format/numbers.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { tickFormatter } from './chart-format.ts';
import { chartTooltip } from './ChartTooltip.tsx';
import { chartWindow, isolatedMetric, latencyRows, type LatencyRow } from './series-data.ts';

interface Props {
  series: Series;
  fetchedAt: number;
  metric: NonNullable<MonitorDefinition['metric']>;
}

/** The monitor's own number (e.g. an error rate read from the response), averaged per bucket. */
export function MetricChart({ series, fetchedAt, metric }: Props) {
  const rows = latencyRows(series, fetchedAt);
  const win = chartWindow(series.range, fetchedAt);
  const values = rows.map((r) => r.metric).filter((v): v is number => v !== null);
  const tooltip = chartTooltip<LatencyRow>((r) => [{ label: metric.name, value: formatMetric(r.metric, metric.unit) }]);
  const Dot = ({ cx, cy, index }: DotItemDotProps) =>
    isolatedMetric(rows, index) && cx !== undefined && cy !== undefined ? <circle key={index} className="metric-dot" cx={cx} cy={cy} r={3} /> : <g key={index} />;
  return (
    <ChartFrame
      title={`Metric: ${metric.name}`}
      points={values.length}
      caption={
        values.length === 0
          ? `from ${metric.source}`
          : `from ${metric.source}; lowest ${formatMetric(Math.min(...values), metric.unit)}, highest ${formatMetric(Math.max(...values), metric.unit)}.`
      }
    >
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid className="chart-grid" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[win.from, win.to]} tickFormatter={tickFormatter(series.range)} minTickGap={40} />
        <YAxis width={64} />
        <Tooltip content={tooltip} />
        <Line className="metric-line" dataKey="metric" connectNulls={false} isAnimationActive={false} dot={Dot} stroke="#2c5aa8" strokeWidth={2} />
      </LineChart>
    </ChartFrame>
  );
}
