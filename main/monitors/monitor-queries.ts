import type Database from 'better-sqlite3';
import type { Incident, MonitorSummary, Series } from '../../preload/contract.ts';
import type { MonitorState, Outcome } from './monitor-state.ts';
import { decodeHistogram, quantileMs } from './latency-histogram.ts';
import { OUTCOME_OF_CODE } from './result-writer.ts';

const HOUR = 3_600_000;

export interface StoredState extends MonitorState {
  lastAt: number | null;
  lastOutcome: Outcome | null;
  lastLatency: number | null;
  lastMetric: number | null;
  lastEvidence: Record<string, unknown> | null;
  lastGoodAt: number | null;
}

interface StateRow {
  monitor_id: number;
  status: MonitorState['status'];
  health: MonitorState['health'];
  since: number;
  failures: number;
  successes: number;
  blocked_by: number | null;
  reason: string;
  last_at: number | null;
  last_outcome: Outcome | null;
  last_latency: number | null;
  last_metric: number | null;
  last_evidence: string | null;
  last_good_at: number | null;
}

interface RollupRow {
  monitor_id: number;
  bucket: number;
  n: number;
  up: number;
  down: number;
  degraded: number;
  unknown: number;
  lat_n: number;
  lat_sum: number;
  lat_min: number | null;
  lat_max: number | null;
  hist: string;
  metric_n: number;
  metric_sum: number;
}

const RANGES: Record<Series['range'], { ms: number; table: string; resolution: Series['resolution'] }> = {
  '1h': { ms: HOUR, table: 'rollup_minute', resolution: 'minute' },
  '24h': { ms: 24 * HOUR, table: 'rollup_minute', resolution: 'minute' },
  '7d': { ms: 7 * 24 * HOUR, table: 'rollup_hour', resolution: 'hour' },
  '30d': { ms: 30 * 24 * HOUR, table: 'rollup_hour', resolution: 'hour' },
};

/** Read side of the monitoring tables: what views and reports ask. Charts read rollups only. */
export class MonitorQueries {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      states: db.prepare<[], StateRow>('SELECT * FROM monitor_state'),
      hourlySince: db.prepare<[number], Pick<RollupRow, 'monitor_id' | 'bucket' | 'up' | 'down' | 'degraded' | 'lat_n' | 'lat_sum'>>(
        'SELECT monitor_id, bucket, up, down, degraded, lat_n, lat_sum FROM rollup_hour WHERE bucket >= ?',
      ),
      hourlyFor: db.prepare<[number, number], Pick<RollupRow, 'monitor_id' | 'bucket' | 'up' | 'down' | 'degraded' | 'lat_n' | 'lat_sum'>>(
        'SELECT monitor_id, bucket, up, down, degraded, lat_n, lat_sum FROM rollup_hour WHERE monitor_id = ? AND bucket >= ?',
      ),
      series: Object.fromEntries(
        ['rollup_minute', 'rollup_hour'].map((t) => [t, db.prepare<[number, number], RollupRow>(`SELECT * FROM ${t} WHERE monitor_id = ? AND bucket >= ? ORDER BY bucket`)]),
      ) as Record<string, Database.Statement<[number, number], RollupRow>>,
      recent: db.prepare<[number, number], { at: number; outcome: number; latency: number | null; metric: number | null; message: string | null }>(`
        SELECT r.at, r.outcome, r.latency, r.metric,
          coalesce(r.message, (SELECT p.message FROM results p WHERE p.monitor_id = r.monitor_id AND p.at < r.at AND p.message IS NOT NULL ORDER BY p.at DESC LIMIT 1)) AS message
        FROM results r WHERE r.monitor_id = ? ORDER BY r.at DESC LIMIT ?`),
      incidents: db.prepare<[number | null, number | null, number], { id: number; monitor_id: number; opened_at: number; closed_at: number | null; cause: string; definition: string }>(`
        SELECT i.id, i.monitor_id, i.opened_at, i.closed_at, i.cause, m.definition FROM incidents i JOIN monitors m ON m.id = i.monitor_id
        WHERE (? IS NULL OR i.monitor_id = ?) ORDER BY i.opened_at DESC LIMIT ?`),
      events: db.prepare<[number], { at: number; from_status: string; to_status: string; reason: string }>(
        'SELECT at, from_status, to_status, reason FROM monitor_events WHERE incident_id = ? ORDER BY at, id',
      ),
    };
  }

  states(): Map<number, StoredState> {
    const map = new Map<number, StoredState>();
    for (const r of this.stmts.states.all()) {
      map.set(r.monitor_id, {
        status: r.status,
        health: r.health,
        since: r.since,
        failures: r.failures,
        successes: r.successes,
        blockedBy: r.blocked_by,
        reason: r.reason,
        lastAt: r.last_at,
        lastOutcome: r.last_outcome,
        lastLatency: r.last_latency,
        lastMetric: r.last_metric,
        lastEvidence: r.last_evidence ? (JSON.parse(r.last_evidence) as Record<string, unknown>) : null,
        lastGoodAt: r.last_good_at,
      });
    }
    return map;
  }

  /** 24 hourly points per monitor, oldest first; hours without results have zero counts. */
  last24h(now: number, monitorId?: number): Map<number, MonitorSummary['last24h']> {
    const first = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
    const rows = monitorId === undefined ? this.stmts.hourlySince.all(first) : this.stmts.hourlyFor.all(monitorId, first);
    const out = new Map<number, MonitorSummary['last24h']>();
    for (const r of rows) {
      let points = out.get(r.monitor_id);
      if (!points) {
        points = Array.from({ length: 24 }, (_, i) => ({ t: first + i * HOUR, up: 0, down: 0, latencyAvgMs: null }));
        out.set(r.monitor_id, points);
      }
      const p = points[(r.bucket - first) / HOUR];
      if (p) {
        p.up = r.up + r.degraded;
        p.down = r.down;
        p.latencyAvgMs = r.lat_n > 0 ? round(r.lat_sum / r.lat_n) : null;
      }
    }
    return out;
  }

  series(monitorId: number, range: Series['range'], now: number): Series {
    const spec = RANGES[range];
    const rows = this.stmts.series[spec.table]!.all(monitorId, now - spec.ms);
    return {
      range,
      resolution: spec.resolution,
      points: rows.map((r) => ({
        t: r.bucket,
        count: r.n,
        up: r.up,
        down: r.down,
        degraded: r.degraded,
        unknown: r.unknown,
        latencyAvgMs: r.lat_n > 0 ? round(r.lat_sum / r.lat_n) : null,
        latencyMinMs: r.lat_min,
        latencyMaxMs: r.lat_max,
        latencyP95Ms: quantileMs(decodeHistogram(r.hist), 0.95, r.lat_max),
        metricAvg: r.metric_n > 0 ? r.metric_sum / r.metric_n : null,
      })),
    };
  }

  recentResults(monitorId: number, limit: number) {
    return this.stmts.recent.all(monitorId, limit).map((r) => ({
      at: r.at,
      outcome: OUTCOME_OF_CODE[r.outcome] ?? 'unknown',
      latencyMs: r.latency,
      metric: r.metric,
      message: r.message ?? '(message pruned with older results)',
    }));
  }

  incidents(monitorId: number | null, limit: number): Incident[] {
    return this.stmts.incidents.all(monitorId, monitorId, limit).map((i) => ({
      id: i.id,
      monitorId: i.monitor_id,
      monitorName: (JSON.parse(i.definition) as { name: string }).name,
      openedAt: i.opened_at,
      closedAt: i.closed_at,
      cause: i.cause,
      events: this.stmts.events.all(i.id).map((e) => ({
        at: e.at,
        from: e.from_status as Incident['events'][number]['from'],
        to: e.to_status as Incident['events'][number]['to'],
        reason: e.reason,
      })),
    }));
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
