import type Database from 'better-sqlite3';
import type { MonitorState, Outcome, Transition } from './monitor-state.ts';
import { mergeEncoded } from './latency-histogram.ts';
import { aggregate, aggregateRow, ROLLUPS, upsertRollupSql, type ResultPoint } from './rollup-aggregate.ts';

export const OUTCOME_CODE: Record<Outcome, number> = { up: 0, degraded: 1, down: 2, unknown: 3 };
export const OUTCOME_OF_CODE: Outcome[] = ['up', 'degraded', 'down', 'unknown'];

export interface PendingResult extends ResultPoint {
  message: string;
  evidence: Record<string, unknown>;
  state: MonitorState;
  transition: Transition | null;
}

export interface FlushReport {
  results: number;
  monitorIds: number[];
  incidentsChanged: boolean;
}

/**
 * Results are queued in memory and written in one transaction per flush: raw rows, the monitor's
 * state, transitions and incidents, and the minute/hour/day rollups. Thousands of monitors then cost
 * one fsync per second instead of one per check.
 */
export class ResultWriter {
  private queue: PendingResult[] = [];
  private readonly lastMessage = new Map<number, string>();
  private readonly openIncident = new Map<number, number>();
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.function('hist_merge', { deterministic: true }, (a: unknown, b: unknown) => mergeEncoded(a as string | null, b as string | null));
    this.stmts = {
      result: db.prepare('INSERT OR REPLACE INTO results (monitor_id, at, outcome, latency, metric, message) VALUES (?, ?, ?, ?, ?, ?)'),
      state: db.prepare(`
        INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, blocked_by, reason, last_at, last_outcome, last_latency, last_metric, last_evidence, last_good_at)
        VALUES (@monitorId, @status, @health, @since, @failures, @successes, @blockedBy, @reason, @at, @outcome, @latency, @metric, @evidence, @goodAt)
        ON CONFLICT (monitor_id) DO UPDATE SET status = excluded.status, health = excluded.health, since = excluded.since,
          failures = excluded.failures, successes = excluded.successes, blocked_by = excluded.blocked_by, reason = excluded.reason,
          last_at = excluded.last_at, last_outcome = excluded.last_outcome, last_latency = excluded.last_latency,
          last_metric = excluded.last_metric, last_evidence = excluded.last_evidence,
          last_good_at = coalesce(excluded.last_good_at, monitor_state.last_good_at)`),
      openIncident: db.prepare('INSERT INTO incidents (monitor_id, opened_at, cause) VALUES (?, ?, ?)'),
      closeIncident: db.prepare('UPDATE incidents SET closed_at = ? WHERE id = ?'),
      event: db.prepare('INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?)'),
      openIncidents: db.prepare<[], { id: number; monitor_id: number }>('SELECT id, monitor_id FROM incidents WHERE closed_at IS NULL'),
      rollups: ROLLUPS.map((r) => ({ ...r, stmt: db.prepare(upsertRollupSql(r.table)) })),
    };
    for (const row of this.stmts.openIncidents.all()) this.openIncident.set(row.monitor_id, row.id);
  }

  enqueue(r: PendingResult): void {
    this.queue.push(r);
  }

  get pending(): number {
    return this.queue.length;
  }

  forget(monitorId: number): void {
    this.lastMessage.delete(monitorId);
    this.openIncident.delete(monitorId);
    this.queue = this.queue.filter((r) => r.monitorId !== monitorId);
  }

  flush(): FlushReport {
    const batch = this.queue;
    if (batch.length === 0) return { results: 0, monitorIds: [], incidentsChanged: false };
    this.queue = [];
    let incidentsChanged = false;
    this.db.transaction(() => {
      for (const r of batch) {
        // The message repeats run after run; store it only when it changes.
        const same = this.lastMessage.get(r.monitorId) === r.message;
        this.lastMessage.set(r.monitorId, r.message);
        this.stmts.result.run(r.monitorId, r.at, OUTCOME_CODE[r.outcome], r.latencyMs === null ? null : Math.round(r.latencyMs), r.metric, same ? null : r.message);
        this.stmts.state.run({
          monitorId: r.monitorId,
          ...r.state,
          at: r.at,
          outcome: r.outcome,
          latency: r.latencyMs,
          metric: r.metric,
          evidence: JSON.stringify(r.evidence),
          goodAt: r.outcome === 'up' || r.outcome === 'degraded' ? r.at : null,
        });
        if (r.transition) incidentsChanged = this.recordTransition(r.monitorId, r.transition) || incidentsChanged;
      }
      for (const rollup of this.stmts.rollups) {
        for (const a of aggregate(batch, rollup.bucketMs)) rollup.stmt.run(...aggregateRow(a));
      }
    })();
    return { results: batch.length, monitorIds: [...new Set(batch.map((r) => r.monitorId))], incidentsChanged };
  }

  private recordTransition(monitorId: number, t: Transition): boolean {
    if (t.incident === 'open') {
      const id = Number(this.stmts.openIncident.run(monitorId, t.at, t.reason).lastInsertRowid);
      this.openIncident.set(monitorId, id);
    }
    const incidentId = this.openIncident.get(monitorId) ?? null;
    this.stmts.event.run(monitorId, incidentId, t.at, t.from, t.to, t.reason);
    if (t.incident === 'close' && incidentId !== null) {
      this.stmts.closeIncident.run(t.at, incidentId);
      this.openIncident.delete(monitorId);
    }
    return t.incident !== null || incidentId !== null;
  }
}
