/**
 * How late checks start versus their plan, over the most recent runs: the engine's own health figure
 * (a saturated machine or a blocked event loop shows here first). Exposed in /metrics.
 */
export class LagRecorder {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(size = 4096) {
    this.samples = new Float64Array(size);
  }

  record(lagMs: number): void {
    this.samples[this.next] = lagMs;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
  }

  /** null until the first run: no guessed zero. */
  quantile(q: number): number | null {
    if (this.filled === 0) return null;
    const sorted = Array.from(this.samples.subarray(0, this.filled)).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  }
}
