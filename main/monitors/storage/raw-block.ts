import type { Outcome } from '../monitor-state.ts';
import { ByteReader, ByteWriter } from './bytes.ts';

/**
 * Raw results, packed: one row per monitor and hour whose blob is the hour's results appended in
 * order, about 6 bytes each: one varint holding the ms offset in the hour and 4 flag bits (outcome,
 * has latency, has metric), then the latency in tenths of a ms. A row per result costs
 * ~40 bytes in SQLite; at one result every 30 s for 24 h that difference is the whole storage budget.
 */
export const RAW_BLOCK_MS = 3_600_000;

export interface RawRecord {
  at: number;
  outcome: Outcome;
  latencyMs: number | null;
  metric: number | null;
}

const OUTCOMES: Outcome[] = ['up', 'degraded', 'down', 'unknown'];
const HAS_LATENCY = 4;
const HAS_METRIC = 8;

export const rawBlockOf = (at: number) => Math.floor(at / RAW_BLOCK_MS);

/** Encodes records of one block (all with rawBlockOf(at) === block), to be appended to the stored blob. */
export function encodeRaw(block: number, records: readonly RawRecord[]): Buffer {
  const w = new ByteWriter();
  const start = block * RAW_BLOCK_MS;
  for (const r of records) {
    const flags = OUTCOMES.indexOf(r.outcome) | (r.latencyMs !== null ? HAS_LATENCY : 0) | (r.metric !== null ? HAS_METRIC : 0);
    w.uvarint((r.at - start) * 16 + flags);
    if (r.latencyMs !== null) w.uvarint(Math.max(0, Math.round(r.latencyMs * 10)));
    if (r.metric !== null) w.f64(r.metric);
  }
  return w.toBuffer();
}

export function decodeRaw(block: number, data: Uint8Array): RawRecord[] {
  const r = new ByteReader(data);
  const start = block * RAW_BLOCK_MS;
  const out: RawRecord[] = [];
  while (!r.done) {
    const head = r.uvarint();
    const flags = head % 16;
    const at = start + Math.floor(head / 16);
    const latencyMs = flags & HAS_LATENCY ? r.uvarint() / 10 : null;
    const metric = flags & HAS_METRIC ? r.f64() : null;
    out.push({ at, outcome: OUTCOMES[flags & 3]!, latencyMs, metric });
  }
  return out;
}
