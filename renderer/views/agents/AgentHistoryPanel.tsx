import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentHistory, AgentSummary } from '../../../preload/schemas/agents.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { formatDuration } from '../../format/time.ts';
import { useAgentsStore } from '../../state/stores-context.tsx';
import { ChartFrame } from '../monitors/detail/ChartFrame.tsx';
import { chartTooltip } from '../monitors/detail/ChartTooltip.tsx';
import { durationPoints, outcomeBuckets, PRESENCE_BY_LEVEL, presencePoints } from './agent-labels.ts';

const RANGES = ['24h', '7d', '30d'] as const;
type Range = (typeof RANGES)[number];

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
/** Evenly spaced ticks over the range: recharts only labels the ends of a numeric time axis otherwise. */
const ticksOf = (from: number, to: number, n = 6) => Array.from({ length: n + 1 }, (_, i) => Math.round(from + ((to - from) * i) / n));
const tick = (range: Range) => (t: number) => (range === '24h' ? timeOfDay.format(new Date(t)) : dayOfMonth.format(new Date(t)));

/**
 * One agent's history: presence over time, task outcomes, task durations. Read once per agent,
 * range or change of the agent's card (an agentsUpdated event), never on a timer.
 */
export function AgentHistoryPanel({ agent }: { agent: AgentSummary }) {
  const loadHistory = useAgentsStore((s) => s.loadHistory);
  const [range, setRange] = useState<Range>('24h');
  const [history, setHistory] = useState<AgentHistory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const version = agent.trust.computedAt;

  useEffect(() => {
    let current = true;
    loadHistory(agent.id, range).then(
      (h) => current && (setHistory(h), setError(null)),
      (err: unknown) => current && setError(toApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [loadHistory, agent.id, range, version]);

  const presence = history ? presencePoints(history) : [];
  const outcomes = history ? outcomeBuckets(history) : [];
  const durations = history ? durationPoints(history) : [];
  const finished = outcomes.reduce((n, r) => n + r.success + r.failure, 0);
  const failures = outcomes.reduce((n, r) => n + r.failure, 0);

  return (
    <section className="card" aria-labelledby="agent-history-title">
      <div className="title-row">
        <h2 id="agent-history-title">
          History of {agent.code} · {agent.name}
        </h2>
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => setRange(r)}>
              {r}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorBanner title="Could not load the history" error={error} />}
      {history && (
        <div className="charts">
          <ChartFrame
            title="Presence"
            points={history.presence.length + 1}
            caption={`${history.presence.length} transition${history.presence.length === 1 ? '' : 's'} in ${range}; ${history.presenceAtStart} at the start.`}
          >
            <LineChart data={presence} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid className="chart-grid" vertical={false} />
              <XAxis dataKey="t" type="number" scale="time" domain={[history.from, history.to]} ticks={ticksOf(history.from, history.to)} tickFormatter={tick(range)} minTickGap={40} />
              <YAxis dataKey="level" domain={[0, 3]} ticks={[0, 1, 2, 3]} tickFormatter={(v: number) => PRESENCE_BY_LEVEL[v] ?? ''} width={72} />
              <Tooltip content={chartTooltip<{ level: number }>((r) => [{ label: 'State', value: PRESENCE_BY_LEVEL[r.level] ?? '' }])} />
              <Line type="stepAfter" dataKey="level" stroke="#2c5aa8" dot={false} isAnimationActive={false} />
            </LineChart>
          </ChartFrame>
          <ChartFrame
            title="Outcomes"
            points={outcomes.filter((r) => r.success + r.failure > 0).length}
            caption={finished === 0 ? '' : `${finished} finished tasks, ${failures} failed.${history.tasksTruncated ? ' Only the newest 1,000 are shown.' : ''}`}
            legend={
              <p className="chart-legend">
                <span className="key key-up">success</span> <span className="key key-down">failure</span>
              </p>
            }
          >
            <BarChart data={outcomes} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
              <CartesianGrid className="chart-grid" vertical={false} />
              <XAxis dataKey="t" tickFormatter={tick(range)} minTickGap={40} />
              <YAxis allowDecimals={false} width={64} />
              <Tooltip content={chartTooltip<{ success: number; failure: number }>((r) => [
                { label: 'Succeeded', value: String(r.success) },
                { label: 'Failed', value: String(r.failure) },
              ])} />
              <Bar dataKey="success" stackId="o" fill="#1f7a4d" isAnimationActive={false} />
              <Bar dataKey="failure" stackId="o" fill="#b3261e" isAnimationActive={false} />
            </BarChart>
          </ChartFrame>
          <ChartFrame
            title="Durations"
            points={durations.length}
            caption={durations.length === 0 ? '' : `${durations.length} timed tasks, longest ${formatDuration(Math.max(...durations.map((d) => d.durationMs)))}.`}
          >
            <ScatterChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid className="chart-grid" vertical={false} />
              <XAxis dataKey="t" type="number" scale="time" domain={[history.from, history.to]} ticks={ticksOf(history.from, history.to)} tickFormatter={tick(range)} minTickGap={40} />
              <YAxis dataKey="durationMs" type="number" tickFormatter={(v: number) => formatDuration(v)} width={72} />
              <Tooltip content={chartTooltip<{ durationMs: number; outcome: string }>((r) => [
                { label: 'Duration', value: formatDuration(r.durationMs) },
                { label: 'Outcome', value: r.outcome },
              ])} />
              <Scatter data={durations.filter((d) => d.outcome === 'success')} fill="#1f7a4d" isAnimationActive={false} />
              <Scatter data={durations.filter((d) => d.outcome === 'failure')} fill="#b3261e" isAnimationActive={false} />
            </ScatterChart>
          </ChartFrame>
        </div>
      )}
    </section>
  );
}
