import type Database from 'better-sqlite3';
import type { MonitorState, Transition } from './monitor-state.ts';
import { aggregate, encodeUpdate, ROLLUP_TABLES, upsertRollupSql, type ResultPoint } from './rollup-aggregate.ts';
import { encodeRaw, rawBlockOf, type RawRecord } from './storage/raw-block.ts';
import { mergeEncodedRollups } from './storage/rollup-block.ts';

export interface PendingResult extends ResultPoint {
  message: string;
  evidence: Record<string, unknown>;
  state: MonitorState;
  transition: Transition | null;
}

/** Results kept for retry while the database refuses writes (disk full, locked): ~10 minutes of 10,000 monitors at 60 s. */
export const MAX_QUEUED = 100_000;

export function withoutTimings(message: string): string {
  return message.replace(/,? (?:in|avg) \d+(?:\.\d+)? ?ms\b/g, '');
}

export interface FlushReport {
  results: number;
  monitorIds: number[];
  incidentsChanged: boolean;
}

/**
 * Results are queued in memory and written in one transaction per flush: packed raw results, the
 * monitor's state, transitions and incidents, and the minute/hour/day rollups. Thousands of monitors
 * then cost one commit per second instead of one per check.
 */
export class ResultWriter {
  private queue: PendingResult[] = [];
  private readonly lastMessage = new Map<number, string>();
  private readonly openIncident = new Map<number, number>();
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.function('blob_append', { deterministic: true }, (a: unknown, b: unknown) => Buffer.concat([a as Uint8Array, b as Uint8Array]));
    db.function('rollup_merge', { deterministic: true }, (a: unknown, b: unknown) => mergeEncodedRollups(a as Uint8Array | null, b as Uint8Array | null));
    this.stmts = {
      // Appending needs no decoding: the raw block format is a plain concatenation of records.
      // (SQL's || would turn the blobs into text.)
      raw: db.prepare('INSERT INTO result_blocks (monitor_id, block, data) VALUES (?, ?, ?) ON CONFLICT (monitor_id, block) DO UPDATE SET data = blob_append(data, excluded.data)'),
      message: db.prepare('INSERT OR REPLACE INTO result_messages (monitor_id, at, message) VALUES (?, ?, ?)'),
      latestMessages: db.prepare<[], { monitor_id: number; message: string }>(
        'SELECT m.monitor_id, m.message FROM result_messages m WHERE m.at = (SELECT max(at) FROM result_messages WHERE monitor_id = m.monitor_id)',
      ),
      state: db.prepare(`
        INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, blocked_by, failing_since, reason, last_at, last_outcome, last_latency, last_metric, last_evidence, last_good_at)
        VALUES (@monitorId, @status, @health, @since, @failures, @successes, @blockedBy, @failingSince, @reason, @at, @outcome, @latency, @metric, @evidence, @goodAt)
        ON CONFLICT (monitor_id) DO UPDATE SET status = excluded.status, health = excluded.health, since = excluded.since,
          failures = excluded.failures, successes = excluded.successes, blocked_by = excluded.blocked_by,
          failing_since = excluded.failing_since, reason = excluded.reason,
          last_at = excluded.last_at, last_outcome = excluded.last_outcome, last_latency = excluded.last_latency,
          last_metric = excluded.last_metric, last_evidence = excluded.last_evidence,
          last_good_at = coalesce(excluded.last_good_at, monitor_state.last_good_at)`),
      openIncident: db.prepare('INSERT INTO incidents (monitor_id, opened_at, cause) VALUES (?, ?, ?)'),
      closeIncident: db.prepare('UPDATE incidents SET closed_at = ? WHERE id = ?'),
      event: db.prepare('INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?, ?)'),
      openIncidents: db.prepare<[], { id: number; monitor_id: number }>('SELECT id, monitor_id FROM incidents WHERE closed_at IS NULL'),
      rollups: ROLLUP_TABLES.map((r) => ({ ...r, stmt: db.prepare(upsertRollupSql(r.table)) })),
    };
    for (const row of this.stmts.openIncidents.all()) this.openIncident.set(row.monitor_id, row.id);
    for (const row of this.stmts.latestMessages.all()) this.lastMessage.set(row.monitor_id, row.message);
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
    // Cache changes are staged and applied only once the transaction commits: a failed write must
    // not leave an incident id SQLite rolled back (and will hand out again) in memory.
    const messages = new Map<number, string>();
    const incidents = new Map<number, number | null>();
    this.staged = { messages, incidents };
    try {
      this.writeBatch(batch, () => (incidentsChanged = true));
    } catch (err) {
      this.staged = null;
      // Put the batch back for the next flush, oldest results dropped first past the cap.
      this.queue = [...batch, ...this.queue].slice(-MAX_QUEUED);
      throw err;
    }
    this.staged = null;
    for (const [id, m] of messages) this.lastMessage.set(id, m);
    for (const [id, inc] of incidents) {
      if (inc === null) this.openIncident.delete(id);
      else this.openIncident.set(id, inc);
    }
    return { results: batch.length, monitorIds: [...new Set(batch.map((r) => r.monitorId))], incidentsChanged };
  }

  private staged: { messages: Map<number, string>; incidents: Map<number, number | null> } | null = null;

  private previousMessage(id: number): string | undefined {
    return this.staged?.messages.get(id) ?? this.lastMessage.get(id);
  }

  private currentIncident(id: number): number | null {
    const staged = this.staged?.incidents;
    if (staged?.has(id)) return staged.get(id) ?? null;
    return this.openIncident.get(id) ?? null;
  }

  private writeBatch(batch: readonly PendingResult[], incidentsChanged: () => void): void {
    this.db.transaction(() => {
      const rawBlocks = new Map<string, { monitorId: number; block: number; records: RawRecord[] }>();
      for (const r of batch) {
        const block = rawBlockOf(r.at);
        const key = `${r.monitorId}:${block}`;
        const entry = rawBlocks.get(key) ?? { monitorId: r.monitorId, block, records: [] };
        entry.records.push(r);
        rawBlocks.set(key, entry);
        // Stored without its timings ("HTTP 200 in 8.7 ms" → "HTTP 200"): the latency has its own
        // field, and a message that changed only in its timing would cost a row per result.
        const message = withoutTimings(r.message);
        if (this.previousMessage(r.monitorId) !== message) {
          this.staged!.messages.set(r.monitorId, message);
          this.stmts.message.run(r.monitorId, r.at, message);
        }
        this.stmts.state.run({
          monitorId: r.monitorId,
          status: r.state.status,
          health: r.state.health,
          since: r.state.since,
          failures: r.state.failures,
          successes: r.state.successes,
          blockedBy: r.state.blockedBy,
          failingSince: r.state.failingSince,
          reason: r.state.reason,
          at: r.at,
          outcome: r.outcome,
          latency: r.latencyMs,
          metric: r.metric,
          evidence: JSON.stringify(r.evidence),
          goodAt: r.outcome === 'up' || r.outcome === 'degraded' ? r.at : null,
        });
        if (r.transition && this.recordTransition(r.monitorId, r.transition)) incidentsChanged();
      }
      for (const b of rawBlocks.values()) this.stmts.raw.run(b.monitorId, b.block, encodeRaw(b.block, b.records));
      for (const rollup of this.stmts.rollups) {
        for (const u of aggregate(batch, rollup.res)) rollup.stmt.run(...encodeUpdate(u));
      }
    })();
  }

  private recordTransition(monitorId: number, t: Transition): boolean {
    if (t.incident === 'open') {
      const id = Number(this.stmts.openIncident.run(monitorId, t.at, t.reason).lastInsertRowid);
      this.staged!.incidents.set(monitorId, id);
    }
    const incidentId = this.currentIncident(monitorId);
    this.stmts.event.run(monitorId, incidentId, t.at, t.from, t.to, t.reason);
    if (t.incident === 'close' && incidentId !== null) {
      this.stmts.closeIncident.run(t.at, incidentId);
      this.staged!.incidents.set(monitorId, null);
    }
    return t.incident !== null || incidentId !== null;
  }
}
