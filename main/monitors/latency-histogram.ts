/**
 * Latency histograms with fixed, roughly logarithmic bucket bounds. Fixed bounds make histograms
 * mergeable by plain addition, so hour and day rollups get a real p95 instead of an average of
 * minute p95s. Stored sparsely as "index:count,…" — most buckets of a minute are empty.
 */
export const BUCKET_UPPER_MS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000, 7000, 10_000,
  15_000, 20_000, 30_000, 60_000, Infinity,
] as const;

export type Histogram = Map<number, number>;

export function bucketOf(latencyMs: number): number {
  const i = BUCKET_UPPER_MS.findIndex((upper) => latencyMs <= upper);
  return i < 0 ? BUCKET_UPPER_MS.length - 1 : i;
}

export function encodeHistogram(h: Histogram): string {
  return [...h.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([i, c]) => `${i}:${c}`)
    .join(',');
}

export function decodeHistogram(text: string | null | undefined): Histogram {
  const h: Histogram = new Map();
  if (!text) return h;
  for (const part of text.split(',')) {
    const [i, c] = part.split(':').map(Number);
    if (Number.isInteger(i) && Number.isInteger(c) && i! >= 0 && i! < BUCKET_UPPER_MS.length) h.set(i!, (h.get(i!) ?? 0) + c!);
  }
  return h;
}

/** Adds b into a copy of a; registered as the SQL function hist_merge for rollup upserts. */
export function mergeEncoded(a: string | null, b: string | null): string {
  const h = decodeHistogram(a);
  for (const [i, c] of decodeHistogram(b)) h.set(i, (h.get(i) ?? 0) + c);
  return encodeHistogram(h);
}

/** The upper bound of the bucket holding the q-quantile, clamped to the observed maximum. */
export function quantileMs(h: Histogram, q: number, observedMax: number | null): number | null {
  const total = [...h.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (const i of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(i)!;
    if (seen >= rank) {
      const upper = BUCKET_UPPER_MS[i]!;
      return observedMax === null ? upper : Math.min(upper, observedMax);
    }
  }
  return observedMax;
}
