/**
 * Latency histograms with fixed, roughly logarithmic bucket bounds. Fixed bounds make histograms
 * mergeable by plain addition, so hour and day rollups get a real p95 instead of an average of
 * minute p95s.
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
