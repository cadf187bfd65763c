import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AssessmentSummary } from '../../../preload/schemas/scorecard.ts';
import { formatAt } from '../../format/time.ts';
import { ChartFrame } from '../monitors/detail/ChartFrame.tsx';

interface Row {
  t: number;
  overall: number | null;
}

/** Overall readiness of every stored assessment, oldest to newest. */
export function TrendChart({ history }: { history: AssessmentSummary[] }) {
  const rows: Row[] = history.map((h) => ({ t: Date.parse(h.assessedAt), overall: h.overall }));
  const scored = rows.filter((r) => r.overall !== null);
  const first = scored[0];
  const last = scored.at(-1);
  const caption =
    scored.length === 0 ? '' : scored.length === 1 ? `one assessment: ${last!.overall}%` : `${scored.length} assessments, from ${first!.overall}% to ${last!.overall}%`;
  return (
    <ChartFrame title="Overall readiness over time" points={scored.length} caption={caption}>
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid className="chart-grid" vertical={false} />
        <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => new Date(t).toLocaleDateString()} minTickGap={40} />
        <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={48} />
        <Tooltip labelFormatter={(t) => formatAt(Number(t))} formatter={(v) => [`${String(v)}%`, 'Overall']} />
        <Line className="lat-avg" dataKey="overall" connectNulls={false} isAnimationActive={false} stroke="#2c5aa8" strokeWidth={2} dot={{ r: 3 }} />
      </LineChart>
    </ChartFrame>
  );
}
