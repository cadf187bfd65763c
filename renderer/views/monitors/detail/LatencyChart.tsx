import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis, type DotItemDotProps } from 'recharts';
import type { Series } from '../../../../preload/contract.ts';
import { formatLatency } from '../../../format/numbers.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { msTick, tickFormatter } from './chart-format.ts';
import { chartTooltip } from './ChartTooltip.tsx';
import { chartWindow, latencyRows, summarizeSeries, type LatencyRow } from './series-data.ts';

interface Props {
  series: Series;
  /** When the series was read: the right edge of the chart. */
  fetchedAt: number;
  /** Maintenance windows in the range, shaded behind the lines. */
  maintenance?: ReadonlyArray<{ start: number; end: number; name: string }>;
}

const tooltip = chartTooltip<LatencyRow>((r) => [
  { label: 'Average', value: formatLatency(r.avg) },
  { label: '95th percentile', value: formatLatency(r.p95) },
  { label: 'Range', value: r.band ? `${formatLatency(r.band[0])} – ${formatLatency(r.band[1])}` : 'unknown' },
]);

/** Lines break at buckets without results, so only a lone value needs a dot to be seen at all. */
function IsolatedDot({ cx, cy, payload, index }: DotItemDotProps) {
  const row = payload as LatencyRow;
  if (!row.isolated || cx === undefined || cy === undefined) return <g key={index} />;
  return <circle key={index} className="lat-dot" cx={cx} cy={cy} r={3} />;
}

/** Average and p95 latency per bucket, over the min–max band. */
export function LatencyChart({ series, fetchedAt, maintenance = [] }: Props) {
  const rows = latencyRows(series, fetchedAt);
  const win = chartWindow(series.range, fetchedAt);
  const s = summarizeSeries(series);
  const points = rows.filter((r) => r.avg !== null).length;
  return (
    <ChartFrame
      title="Latency"
      points={points}
      caption={
        points === 0
          ? ''
          : `${points} ${series.resolution} buckets with results; lowest ${formatLatency(s.minLatencyMs)}, highest ${formatLatency(s.maxLatencyMs)}, worst p95 ${formatLatency(s.worstP95Ms)}.`
      }
      legend={
        <p className="chart-legend">
          <span className="key key-avg">average</span> <span className="key key-p95">95th percentile</span> <span className="key key-band">min–max range</span>
        </p>
      }
    >
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid className="chart-grid" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={[win.from, win.to]} tickFormatter={tickFormatter(series.range)} minTickGap={40} />
        <YAxis tickFormatter={msTick} width={64} />
        {maintenance.map((m) => (
          <ReferenceArea
            key={`${m.name}:${m.start}`}
            className="maintenance-area"
            x1={Math.max(m.start, win.from)}
            x2={Math.min(m.end, win.to)}
            fill="#8c96a3"
            fillOpacity={0.18}
            ifOverflow="hidden"
            label={{ value: m.name, position: 'insideTopLeft', fontSize: 11 }}
          />
        ))}
        <Tooltip content={tooltip} />
        <Area className="lat-band" dataKey="band" connectNulls={false} isAnimationActive={false} stroke="none" fill="#7ea3e6" fillOpacity={0.25} />
        <Line className="lat-p95" dataKey="p95" connectNulls={false} isAnimationActive={false} dot={false} stroke="#c98a1b" strokeDasharray="4 3" />
        <Line className="lat-avg" dataKey="avg" connectNulls={false} isAnimationActive={false} dot={IsolatedDot} stroke="#2c5aa8" strokeWidth={2} />
      </ComposedChart>
    </ChartFrame>
  );
}
