import { bucketOf, type Histogram } from '../latency-histogram.ts';
import { ByteReader, ByteWriter } from './bytes.ts';

/**
 * Rollups, packed: one row per monitor and block whose blob holds the block's slots — 60 minutes
 * of an hour, 24 hours of a day, or 32 days. Latencies are stored in tenths of a ms. A slot with one
 * or two latencies stores just them (sum, histogram and p95 follow exactly); larger slots store sum,
 * min, max and the histogram. Typical slots take 5–20 bytes instead of a ~60-byte row.
 */
export const RESOLUTIONS = {
  minute: { table: 'rollup_minute', slotMs: 60_000, slots: 60 },
  hour: { table: 'rollup_hour', slotMs: 3_600_000, slots: 24 },
  day: { table: 'rollup_day', slotMs: 86_400_000, slots: 32 },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;

export interface SlotAggregate {
  n: number;
  up: number;
  down: number;
  degraded: number;
  unknown: number;
  latN: number;
  /** Tenths of a millisecond, integers: exact to store and to merge. */
  latSum: number;
  latMin: number;
  latMax: number;
  hist: Histogram;
  metricN: number;
  metricSum: number;
}

export const emptySlot = (): SlotAggregate => ({ n: 0, up: 0, down: 0, degraded: 0, unknown: 0, latN: 0, latSum: 0, latMin: 0, latMax: 0, hist: new Map(), metricN: 0, metricSum: 0 });

export function blockAndSlot(at: number, res: Resolution): { block: number; slot: number } {
  const { slotMs, slots } = RESOLUTIONS[res];
  const index = Math.floor(at / slotMs);
  return { block: Math.floor(index / slots), slot: index % slots };
}

export function slotStart(block: number, slot: number, res: Resolution): number {
  const { slotMs, slots } = RESOLUTIONS[res];
  return (block * slots + slot) * slotMs;
}

export function mergeSlot(into: SlotAggregate, add: SlotAggregate): SlotAggregate {
  if (add.latN > 0) {
    into.latMin = into.latN === 0 ? add.latMin : Math.min(into.latMin, add.latMin);
    into.latMax = into.latN === 0 ? add.latMax : Math.max(into.latMax, add.latMax);
  }
  into.n += add.n;
  into.up += add.up;
  into.down += add.down;
  into.degraded += add.degraded;
  into.unknown += add.unknown;
  into.latN += add.latN;
  into.latSum += add.latSum;
  for (const [i, c] of add.hist) into.hist.set(i, (into.hist.get(i) ?? 0) + c);
  into.metricN += add.metricN;
  into.metricSum += add.metricSum;
  return into;
}

const HAS_DOWN = 1;
const HAS_DEGRADED = 2;
const HAS_UNKNOWN = 4;
const HAS_METRIC = 8;
const LAT_N_DIFFERS = 16;

export function encodeRollup(slots: ReadonlyMap<number, SlotAggregate>): Buffer {
  const w = new ByteWriter();
  for (const slot of [...slots.keys()].sort((a, b) => a - b)) {
    const a = slots.get(slot)!;
    const latNDiffers = a.latN !== a.up + a.degraded;
    const flags =
      (a.down ? HAS_DOWN : 0) | (a.degraded ? HAS_DEGRADED : 0) | (a.unknown ? HAS_UNKNOWN : 0) | (a.metricN ? HAS_METRIC : 0) | (latNDiffers ? LAT_N_DIFFERS : 0);
    w.uvarint(slot).u8(flags).uvarint(a.n);
    if (a.down) w.uvarint(a.down);
    if (a.degraded) w.uvarint(a.degraded);
    if (a.unknown) w.uvarint(a.unknown);
    if (latNDiffers) w.uvarint(a.latN);
    if (a.latN === 1) w.uvarint(a.latMin);
    else if (a.latN === 2) w.uvarint(a.latMin).uvarint(a.latMax - a.latMin);
    else if (a.latN > 2) {
      // The histogram as a bitmap of non-empty buckets, then their counts in bucket order.
      const buckets = [...a.hist.keys()].filter((i) => a.hist.get(i)! > 0).sort((x, y) => x - y);
      w.uvarint(a.latSum).uvarint(a.latMin).uvarint(a.latMax - a.latMin).uvarint(buckets.reduce((m, i) => m + 2 ** i, 0));
      for (const i of buckets) w.uvarint(a.hist.get(i)!);
    }
    if (a.metricN) w.uvarint(a.metricN).f64(a.metricSum);
  }
  return w.toBuffer();
}

export function decodeRollup(data: Uint8Array | null | undefined): Map<number, SlotAggregate> {
  const out = new Map<number, SlotAggregate>();
  if (!data || data.length === 0) return out;
  const r = new ByteReader(data);
  while (!r.done) {
    const slot = r.uvarint();
    const flags = r.u8();
    const a = emptySlot();
    a.n = r.uvarint();
    if (flags & HAS_DOWN) a.down = r.uvarint();
    if (flags & HAS_DEGRADED) a.degraded = r.uvarint();
    if (flags & HAS_UNKNOWN) a.unknown = r.uvarint();
    a.up = a.n - a.down - a.degraded - a.unknown;
    a.latN = flags & LAT_N_DIFFERS ? r.uvarint() : a.up + a.degraded;
    if (a.latN === 1) {
      a.latMin = a.latMax = a.latSum = r.uvarint();
      a.hist.set(bucketOf(a.latMin / 10), 1);
    } else if (a.latN === 2) {
      a.latMin = r.uvarint();
      a.latMax = a.latMin + r.uvarint();
      a.latSum = a.latMin + a.latMax;
      for (const v of [a.latMin, a.latMax]) a.hist.set(bucketOf(v / 10), (a.hist.get(bucketOf(v / 10)) ?? 0) + 1);
    } else if (a.latN > 2) {
      a.latSum = r.uvarint();
      a.latMin = r.uvarint();
      a.latMax = a.latMin + r.uvarint();
      const bitmap = r.uvarint();
      for (let i = 0, bit = 1; bit <= bitmap; i++, bit *= 2) if (Math.floor(bitmap / bit) % 2 === 1) a.hist.set(i, r.uvarint());
    }
    if (flags & HAS_METRIC) {
      a.metricN = r.uvarint();
      a.metricSum = r.f64();
    }
    out.set(slot, a);
  }
  return out;
}

/** SQL function body for upserts: merges two encoded blocks slot by slot. */
export function mergeEncodedRollups(stored: Uint8Array | null, incoming: Uint8Array | null): Buffer {
  const base = decodeRollup(stored);
  for (const [slot, a] of decodeRollup(incoming)) base.set(slot, mergeSlot(base.get(slot) ?? emptySlot(), a));
  return encodeRollup(base);
}
