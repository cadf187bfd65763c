/**
 * Delay before retry number `attempt` (1 = the first retry): base × 4^(attempt−1), capped. With the
 * default 10 s base: 10 s, 40 s, 2 min 40 s, 10 min 40 s, then every 30 min.
 */
export function retryDelayMs(attempt: number, baseMs: number, capMs = 30 * 60_000): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`retryDelayMs: attempt must be a whole number ≥ 1 (got ${attempt})`);
  return Math.min(capMs, baseMs * 4 ** (attempt - 1));
}

/** Attempts per delivery, the first included, before it is marked failed. */
export const MAX_ATTEMPTS = 6;
