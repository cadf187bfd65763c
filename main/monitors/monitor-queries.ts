import type Database from 'better-sqlite3';
import type { Incident, MonitorSummary, Series } from '../../preload/contract.ts';
import type { MonitorState, Outcome } from './monitor-state.ts';
import { quantileMs } from './latency-histogram.ts';
import { decodeRaw } from './storage/raw-block.ts';
import { blockAndSlot, decodeRollup, mergeSlot, emptySlot, RESOLUTIONS, slotStart, type Resolution, type SlotAggregate } from './storage/rollup-block.ts';

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
  failing_since: number | null;
  reason: string;
  last_at: number | null;
  last_outcome: Outcome | null;
  last_latency: number | null;
  last_metric: number | null;
  last_evidence: string | null;
  last_good_at: number | null;
}

const RANGES: Record<Series['range'], { ms: number; resolution: Resolution }> = {
  '1h': { ms: HOUR, resolution: 'minute' },
  '24h': { ms: 24 * HOUR, resolution: 'minute' },
  '7d': { ms: 7 * 24 * HOUR, resolution: 'hour' },
  '30d': { ms: 30 * 24 * HOUR, resolution: 'hour' },
};

type BlockRow = { monitor_id: number; block: number; data: Uint8Array };

/** Read side of the monitoring tables: what views and reports ask. Charts read rollups only. */
export class MonitorQueries {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      states: db.prepare<[], StateRow>('SELECT * FROM monitor_state'),
      hourBlocksSince: db.prepare<[number], BlockRow>('SELECT monitor_id, block, data FROM rollup_hour WHERE block >= ?'),
      hourBlocksFor: db.prepare<[number, number], BlockRow>('SELECT monitor_id, block, data FROM rollup_hour WHERE monitor_id = ? AND block >= ?'),
      blocks: Object.fromEntries(
        (Object.keys(RESOLUTIONS) as Resolution[]).map((r) => [
          r,
          db.prepare<[number, number], BlockRow>(`SELECT monitor_id, block, data FROM ${RESOLUTIONS[r].table} WHERE monitor_id = ? AND block >= ? ORDER BY block`),
        ]),
      ) as Record<Resolution, Database.Statement<[number, number], BlockRow>>,
      rawNewestFirst: db.prepare<[number], BlockRow>('SELECT monitor_id, block, data FROM result_blocks WHERE monitor_id = ? ORDER BY block DESC'),
      messagesUpTo: db.prepare<[number, number], { at: number; message: string }>(
        'SELECT at, message FROM result_messages WHERE monitor_id = ? AND at <= ? ORDER BY at DESC',
      ),
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
        failingSince: r.failing_since,
        awaitingParent: false,
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

  /** Up/down counts per hour of the last 24 h, oldest first; hours without results count zero. */
  last24h(now: number, monitorId?: number): Map<number, NonNullable<MonitorSummary['last24h']>> {
    const from = Math.floor(now / HOUR) * HOUR - 23 * HOUR;
    const fromBlock = blockAndSlot(from, 'hour').block;
    const rows = monitorId === undefined ? this.stmts.hourBlocksSince.all(fromBlock) : this.stmts.hourBlocksFor.all(monitorId, fromBlock);
    const out = new Map<number, NonNullable<MonitorSummary['last24h']>>();
    for (const row of rows) {
      let spark = out.get(row.monitor_id);
      if (!spark) out.set(row.monitor_id, (spark = { from, up: new Array<number>(24).fill(0), down: new Array<number>(24).fill(0) }));
      for (const [slot, a] of decodeRollup(row.data)) {
        const i = (slotStart(row.block, slot, 'hour') - from) / HOUR;
        if (i < 0 || i >= 24) continue;
        spark.up[i] = a.up + a.degraded;
        spark.down[i] = a.down;
      }
    }
    return out;
  }

  series(monitorId: number, range: Series['range'], now: number): Series {
    const spec = RANGES[range];
    const since = now - spec.ms;
    const rows = this.stmts.blocks[spec.resolution].all(monitorId, blockAndSlot(since, spec.resolution).block);
    const points: Series['points'] = [];
    for (const row of rows) {
      for (const [slot, a] of [...decodeRollup(row.data)].sort((x, y) => x[0] - y[0])) {
        const t = slotStart(row.block, slot, spec.resolution);
        if (t + RESOLUTIONS[spec.resolution].slotMs <= since) continue;
        points.push(toPoint(t, a));
      }
    }
    return { range, resolution: spec.resolution, points };
  }

  /** Newest results first, each with the message in force at its time (messages are stored on change only). */
  recentResults(monitorId: number, limit: number) {
    const results: Array<{ at: number; outcome: Outcome; latencyMs: number | null; metric: number | null }> = [];
    for (const row of this.stmts.rawNewestFirst.iterate(monitorId)) {
      results.push(...decodeRaw(row.block, row.data).reverse());
      if (results.length >= limit) break;
    }
    const page = results.slice(0, limit);
    if (page.length === 0) return [];
    const messages = this.stmts.messagesUpTo.all(monitorId, page[0]!.at);
    let m = 0;
    return page.map((r) => {
      while (m < messages.length && messages[m]!.at > r.at) m++;
      return { ...r, message: messages[m]?.message ?? '(message pruned with older results)' };
    });
  }

  /** Aggregate of every result in [from, to) from the minute rollups, for reports and tests. */
  totals(monitorId: number, from: number): SlotAggregate {
    const total = emptySlot();
    for (const row of this.stmts.blocks.minute.all(monitorId, blockAndSlot(from, 'minute').block)) {
      for (const [slot, a] of decodeRollup(row.data)) if (slotStart(row.block, slot, 'minute') >= from) mergeSlot(total, a);
    }
    return total;
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

function toPoint(t: number, a: SlotAggregate): Series['points'][number] {
  return {
    t,
    count: a.n,
    up: a.up,
    down: a.down,
    degraded: a.degraded,
    unknown: a.unknown,
    latencyAvgMs: a.latN > 0 ? round(a.latSum / a.latN / 10) : null,
    latencyMinMs: a.latN > 0 ? a.latMin / 10 : null,
    latencyMaxMs: a.latN > 0 ? a.latMax / 10 : null,
    latencyP95Ms: a.latN > 0 ? quantileMs(a.hist, 0.95, a.latMax / 10) : null,
    metricAvg: a.metricN > 0 ? a.metricSum / a.metricN : null,
  };
}
