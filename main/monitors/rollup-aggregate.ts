import type { Outcome } from './monitor-state.ts';
import { bucketOf, encodeHistogram, type Histogram } from './latency-histogram.ts';

export const ROLLUPS = [
  { table: 'rollup_minute', bucketMs: 60_000 },
  { table: 'rollup_hour', bucketMs: 3_600_000 },
  { table: 'rollup_day', bucketMs: 86_400_000 },
] as const;
export type RollupTable = (typeof ROLLUPS)[number]['table'];

export interface Aggregate {
  monitorId: number;
  bucket: number;
  n: number;
  up: number;
  down: number;
  degraded: number;
  unknown: number;
  latN: number;
  latSum: number;
  latMin: number | null;
  latMax: number | null;
  hist: Histogram;
  metricN: number;
  metricSum: number;
}

export interface ResultPoint {
  monitorId: number;
  at: number;
  outcome: Outcome;
  latencyMs: number | null;
  metric: number | null;
}

/** Folds a batch of results into one aggregate per (monitor, bucket), so each flush does one upsert per key. */
export function aggregate(points: readonly ResultPoint[], bucketMs: number): Aggregate[] {
  const byKey = new Map<string, Aggregate>();
  for (const p of points) {
    const bucket = Math.floor(p.at / bucketMs) * bucketMs;
    const key = `${p.monitorId}:${bucket}`;
    let a = byKey.get(key);
    if (!a) {
      a = { monitorId: p.monitorId, bucket, n: 0, up: 0, down: 0, degraded: 0, unknown: 0, latN: 0, latSum: 0, latMin: null, latMax: null, hist: new Map(), metricN: 0, metricSum: 0 };
      byKey.set(key, a);
    }
    a.n++;
    a[p.outcome]++;
    // Latency of a failed or unknown run is a timeout, not a response time: it would poison averages.
    if (p.latencyMs !== null && (p.outcome === 'up' || p.outcome === 'degraded')) {
      a.latN++;
      a.latSum += p.latencyMs;
      a.latMin = a.latMin === null ? p.latencyMs : Math.min(a.latMin, p.latencyMs);
      a.latMax = a.latMax === null ? p.latencyMs : Math.max(a.latMax, p.latencyMs);
      const b = bucketOf(p.latencyMs);
      a.hist.set(b, (a.hist.get(b) ?? 0) + 1);
    }
    if (p.metric !== null) {
      a.metricN++;
      a.metricSum += p.metric;
    }
  }
  return [...byKey.values()];
}

export function aggregateRow(a: Aggregate) {
  return [a.monitorId, a.bucket, a.n, a.up, a.down, a.degraded, a.unknown, a.latN, a.latSum, a.latMin, a.latMax, encodeHistogram(a.hist), a.metricN, a.metricSum] as const;
}

export const upsertRollupSql = (table: RollupTable) => `
  INSERT INTO ${table} (monitor_id, bucket, n, up, down, degraded, unknown, lat_n, lat_sum, lat_min, lat_max, hist, metric_n, metric_sum)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (monitor_id, bucket) DO UPDATE SET
    n = n + excluded.n, up = up + excluded.up, down = down + excluded.down,
    degraded = degraded + excluded.degraded, unknown = unknown + excluded.unknown,
    lat_n = lat_n + excluded.lat_n, lat_sum = lat_sum + excluded.lat_sum,
    lat_min = CASE WHEN lat_min IS NULL THEN excluded.lat_min WHEN excluded.lat_min IS NULL THEN lat_min ELSE min(lat_min, excluded.lat_min) END,
    lat_max = CASE WHEN lat_max IS NULL THEN excluded.lat_max WHEN excluded.lat_max IS NULL THEN lat_max ELSE max(lat_max, excluded.lat_max) END,
    hist = hist_merge(hist, excluded.hist),
    metric_n = metric_n + excluded.metric_n, metric_sum = metric_sum + excluded.metric_sum`;
