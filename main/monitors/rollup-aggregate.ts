import type { Outcome } from './monitor-state.ts';
import { bucketOf } from './latency-histogram.ts';
import { blockAndSlot, emptySlot, encodeRollup, RESOLUTIONS, type Resolution, type SlotAggregate } from './storage/rollup-block.ts';

export interface ResultPoint {
  monitorId: number;
  at: number;
  outcome: Outcome;
  latencyMs: number | null;
  metric: number | null;
}

export interface BlockUpdate {
  monitorId: number;
  block: number;
  slots: Map<number, SlotAggregate>;
}

/** Folds a batch of results into one update per (monitor, block), so each flush does one upsert per row. */
export function aggregate(points: readonly ResultPoint[], res: Resolution): BlockUpdate[] {
  const byKey = new Map<string, BlockUpdate>();
  for (const p of points) {
    const { block, slot } = blockAndSlot(p.at, res);
    const key = `${p.monitorId}:${block}`;
    let u = byKey.get(key);
    if (!u) byKey.set(key, (u = { monitorId: p.monitorId, block, slots: new Map() }));
    let a = u.slots.get(slot);
    if (!a) u.slots.set(slot, (a = emptySlot()));
    a.n++;
    a[p.outcome]++;
    // The latency of a failed or unknown run is a timeout, not a response time: it would poison averages.
    if (p.latencyMs !== null && (p.outcome === 'up' || p.outcome === 'degraded')) {
      const tenths = Math.max(0, Math.round(p.latencyMs * 10));
      a.latMin = a.latN === 0 ? tenths : Math.min(a.latMin, tenths);
      a.latMax = a.latN === 0 ? tenths : Math.max(a.latMax, tenths);
      a.latN++;
      a.latSum += tenths;
      const b = bucketOf(tenths / 10);
      a.hist.set(b, (a.hist.get(b) ?? 0) + 1);
    }
    if (p.metric !== null) {
      a.metricN++;
      a.metricSum += p.metric;
    }
  }
  return [...byKey.values()];
}

export const ROLLUP_TABLES = (Object.keys(RESOLUTIONS) as Resolution[]).map((res) => ({ res, table: RESOLUTIONS[res].table }));

export const upsertRollupSql = (table: string) =>
  `INSERT INTO ${table} (monitor_id, block, data) VALUES (?, ?, ?)
   ON CONFLICT (monitor_id, block) DO UPDATE SET data = rollup_merge(data, excluded.data)`;

export const encodeUpdate = (u: BlockUpdate) => [u.monitorId, u.block, encodeRollup(u.slots)] as const;
