/**
 * A monitor is flapping when at least `threshold` incidents opened within `windowMs` up to `at`.
 * Counting incident openings (confirmed DOWNs, after thresholds) rather than raw results means one
 * noisy check is not flapping; a service that keeps going down and coming back is.
 */
export function isFlapping(openedAt: readonly number[], at: number, windowMs: number, threshold: number): boolean {
  return openedAt.filter((t) => t > at - windowMs && t <= at).length >= threshold;
}
