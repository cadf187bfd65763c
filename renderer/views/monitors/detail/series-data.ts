import type { Series } from '../../../../preload/contract.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const STEP: Record<Series['resolution'], number> = { minute: MINUTE, hour: HOUR, day: DAY };
export const RANGE_MS: Record<Series['range'], number> = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY };
/** Uptime bars are wider than the stored buckets: 1,440 one-minute bars would be unreadable. */
const UPTIME_BUCKET: Record<Series['range'], number> = { '1h': MINUTE, '24h': 30 * MINUTE, '7d': 4 * HOUR, '30d': DAY };

type Point = Series['points'][number];

export interface LatencyRow {
  t: number;
  avg: number | null;
  p95: number | null;
  /** [min, max] of the bucket, for the shaded band. */
  band: [number, number] | null;
  metric: number | null;
  /** A value with no neighbour on either side: a line cannot show it, so it gets a dot. */
  isolated: boolean;
}

export interface UptimeRow {
  t: number;
  up: number | null;
  degraded: number | null;
  down: number | null;
  unknown: number | null;
  count: number;
}

export interface ChartWindow {
  from: number;
  to: number;
}

export function chartWindow(range: Series['range'], now: number): ChartWindow {
  return { from: now - RANGE_MS[range], to: now };
}

/** Every bucket start in the window, so a bucket without results is a gap, never a line drawn through it. */
function grid(win: ChartWindow, step: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(win.from / step) * step; t <= win.to; t += step) out.push(t);
  return out;
}

/**
 * One row per stored bucket of the range, results or not. Buckets the core sent that fall outside
 * the local window (the two clocks differ a little) are kept rather than dropped.
 */
export function latencyRows(series: Series, now: number): LatencyRow[] {
  const byT = new Map<number, Point>(series.points.map((p) => [p.t, p]));
  const times = new Set(grid(chartWindow(series.range, now), STEP[series.resolution]));
  for (const p of series.points) times.add(p.t);
  const rows = [...times]
    .sort((a, b) => a - b)
    .map((t): LatencyRow => {
      const p = byT.get(t);
      const band = p && p.latencyMinMs !== null && p.latencyMaxMs !== null ? ([p.latencyMinMs, p.latencyMaxMs] as [number, number]) : null;
      return { t, avg: p?.latencyAvgMs ?? null, p95: p?.latencyP95Ms ?? null, band, metric: p?.metricAvg ?? null, isolated: false };
    });
  return rows.map((r, i) => ({ ...r, isolated: r.avg !== null && rows[i - 1]?.avg == null && rows[i + 1]?.avg == null }));
}

export function isolatedMetric(rows: readonly LatencyRow[], i: number): boolean {
  return rows[i]?.metric != null && rows[i - 1]?.metric == null && rows[i + 1]?.metric == null;
}

/** Result counts per display bucket; a bucket without results has nulls, drawn as no bar at all. */
export function uptimeRows(series: Series, now: number): UptimeRow[] {
  const size = UPTIME_BUCKET[series.range];
  const sums = new Map<number, { up: number; degraded: number; down: number; unknown: number; count: number }>();
  for (const p of series.points) {
    const t = Math.floor(p.t / size) * size;
    const s = sums.get(t) ?? { up: 0, degraded: 0, down: 0, unknown: 0, count: 0 };
    s.up += p.up;
    s.degraded += p.degraded;
    s.down += p.down;
    s.unknown += p.unknown;
    s.count += p.count;
    sums.set(t, s);
  }
  const times = new Set(grid(chartWindow(series.range, now), size).map((t) => Math.floor(t / size) * size));
  for (const t of sums.keys()) times.add(t);
  return [...times]
    .sort((a, b) => a - b)
    .map((t) => {
      const s = sums.get(t);
      return s && s.count > 0 ? { t, ...s } : { t, up: null, degraded: null, down: null, unknown: null, count: 0 };
    });
}

export const uptimeBucketMs = (range: Series['range']): number => UPTIME_BUCKET[range];

export interface SeriesSummary {
  results: number;
  up: number;
  down: number;
  degraded: number;
  unknown: number;
  minLatencyMs: number | null;
  maxLatencyMs: number | null;
  worstP95Ms: number | null;
}

const lower = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const higher = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The numbers a chart's caption states in words, so the chart is never the only way to read them. */
export function summarizeSeries(series: Series): SeriesSummary {
  const s: SeriesSummary = { results: 0, up: 0, down: 0, degraded: 0, unknown: 0, minLatencyMs: null, maxLatencyMs: null, worstP95Ms: null };
  for (const p of series.points) {
    s.results += p.count;
    s.up += p.up;
    s.down += p.down;
    s.degraded += p.degraded;
    s.unknown += p.unknown;
    s.minLatencyMs = lower(s.minLatencyMs, p.latencyMinMs);
    s.maxLatencyMs = higher(s.maxLatencyMs, p.latencyMaxMs);
    s.worstP95Ms = higher(s.worstP95Ms, p.latencyP95Ms);
  }
  return s;
}
