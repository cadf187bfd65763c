import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantileMs, bucketOf } from '../../main/monitors/latency-histogram.ts';
import { aggregate, type ResultPoint } from '../../main/monitors/rollup-aggregate.ts';
import { ByteReader, ByteWriter } from '../../main/monitors/storage/bytes.ts';
import { decodeRaw, encodeRaw, rawBlockOf, RAW_BLOCK_MS } from '../../main/monitors/storage/raw-block.ts';
import { decodeRollup, emptySlot, encodeRollup, mergeEncodedRollups, mergeSlot } from '../../main/monitors/storage/rollup-block.ts';
import type { Outcome } from '../../main/monitors/monitor-state.ts';

// A small deterministic PRNG: failures reproduce.
function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

test('varints round-trip across their whole safe range, and a truncated buffer is an error', () => {
  const values = [0, 1, 127, 128, 255, 300, 16_383, 16_384, 2 ** 31, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER];
  const w = new ByteWriter();
  values.forEach((v) => w.uvarint(v));
  w.f64(-12.25);
  const r = new ByteReader(w.toBuffer());
  assert.deepEqual(values.map(() => r.uvarint()), values);
  assert.equal(r.f64(), -12.25);
  assert.equal(r.done, true);
  assert.throws(() => new ByteReader(Buffer.from([0x80, 0x80])).uvarint(), /truncated block/);
  assert.throws(() => new ByteWriter().uvarint(-1), /out of range/);
});

test('raw blocks: appended encodings decode to the same records, ~6 bytes each', () => {
  const random = rng(7);
  const block = rawBlockOf(Date.UTC(2026, 10, 26, 13));
  const start = block * RAW_BLOCK_MS;
  const outcomes: Outcome[] = ['up', 'degraded', 'down', 'unknown'];
  const records = Array.from({ length: 120 }, (_, i) => ({
    at: start + i * 30_000 + Math.floor(random() * 1000),
    outcome: outcomes[Math.floor(random() * 4)]!,
    latencyMs: random() < 0.2 ? null : Math.round(random() * 5000 * 10) / 10,
    metric: random() < 0.1 ? random() * 100 : null,
  }));
  // Written in two flushes, as the writer appends.
  const blob = Buffer.concat([encodeRaw(block, records.slice(0, 50)), encodeRaw(block, records.slice(50))]);
  assert.deepEqual(decodeRaw(block, blob), records);
  const plain = records.filter((r) => r.metric === null);
  assert.ok(encodeRaw(block, plain).length / plain.length < 7, 'compact enough for the storage budget');
});

function bruteForce(points: ResultPoint[]) {
  const lat = points.filter((p) => p.latencyMs !== null && (p.outcome === 'up' || p.outcome === 'degraded')).map((p) => Math.round(p.latencyMs! * 10));
  const hist = new Map<number, number>();
  lat.forEach((t) => hist.set(bucketOf(t / 10), (hist.get(bucketOf(t / 10)) ?? 0) + 1));
  return {
    n: points.length,
    up: points.filter((p) => p.outcome === 'up').length,
    down: points.filter((p) => p.outcome === 'down').length,
    latN: lat.length,
    latSum: lat.reduce((a, b) => a + b, 0),
    latMin: lat.length ? Math.min(...lat) : 0,
    latMax: lat.length ? Math.max(...lat) : 0,
    p95: quantileMs(hist, 0.95, lat.length ? Math.max(...lat) / 10 : null),
  };
}

test('rollup blocks: any split of results into flushes merges to exactly the brute-force aggregate', () => {
  const random = rng(42);
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + Math.floor(random() * 40);
    const points: ResultPoint[] = Array.from({ length: n }, (_, i) => ({
      monitorId: 1,
      at: Date.UTC(2026, 0, 1, 10, 5) + i * 100,
      outcome: (['up', 'up', 'up', 'degraded', 'down', 'unknown'] as Outcome[])[Math.floor(random() * 6)]!,
      latencyMs: random() < 0.1 ? null : Math.round(random() * 3000 * 10) / 10,
      metric: random() < 0.3 ? Math.round(random() * 1000) : null,
    }));
    // Merge through encode → SQL-function merge, in random-sized flushes.
    let stored: Buffer | null = null;
    for (let i = 0; i < points.length; ) {
      const k = 1 + Math.floor(random() * 5);
      const [update] = aggregate(points.slice(i, i + k), 'minute');
      stored = mergeEncodedRollups(stored, encodeRollup(update!.slots));
      i += k;
    }
    const slots = decodeRollup(stored);
    assert.equal(slots.size, 1);
    const got = [...slots.values()][0]!;
    const want = bruteForce(points);
    assert.deepEqual(
      { n: got.n, up: got.up, down: got.down, latN: got.latN, latSum: got.latSum, latMin: got.latMin, latMax: got.latMax, p95: quantileMs(got.hist, 0.95, got.latN ? got.latMax / 10 : null) },
      want,
      `trial ${trial}`,
    );
    const metrics = points.filter((p) => p.metric !== null).map((p) => p.metric!);
    assert.equal(got.metricN, metrics.length);
    assert.equal(got.metricSum, metrics.reduce((a, b) => a + b, 0));
  }
});

test('rollup blocks: one- and two-result slots are stored as just their latencies', () => {
  const one = emptySlot();
  mergeSlot(one, { ...emptySlot(), n: 1, up: 1, latN: 1, latSum: 123, latMin: 123, latMax: 123, hist: new Map([[bucketOf(12.3), 1]]) });
  const bytes = encodeRollup(new Map([[5, one]]));
  assert.ok(bytes.length <= 6, `${bytes.length} bytes`);
  assert.deepEqual(decodeRollup(bytes).get(5), one);
  assert.deepEqual(decodeRollup(null), new Map());
});
