import type { MonitorSummary } from '../../../preload/contract.ts';
import { plural } from '../../format/numbers.ts';

const HOURS = 24;
const HOUR_MS = 3_600_000;

export interface HourPoint {
  t: number;
  up: number;
  down: number;
}

/** The summary's parallel arrays as one point per hour, oldest first. */
export function hourPoints(last24h: MonitorSummary['last24h']): HourPoint[] {
  if (!last24h) return [];
  return last24h.up.map((up, i) => ({ t: last24h.from + i * HOUR_MS, up, down: last24h.down[i] ?? 0 }));
}

export interface SparkBar {
  index: number;
  /** Start of the hour, null for a slot the core sent no point for. */
  t: number | null;
  x: number;
  width: number;
  empty: boolean;
  up: number;
  down: number;
  upHeight: number;
  downHeight: number;
}

/**
 * Geometry of the 24 bars. A failing hour is red in proportion to its failures but never less than
 * 2 px, so one failed check among hundreds still shows.
 */
export function sparkBars(points: readonly HourPoint[], size: { width: number; height: number }): SparkBar[] {
  const slot = size.width / HOURS;
  const width = Math.max(1, slot - 1);
  // Oldest first; a shorter list (no results yet) is aligned to the right, the newest hour.
  const recent = points.slice(-HOURS);
  const offset = HOURS - recent.length;
  return Array.from({ length: HOURS }, (_, index) => {
    const p = index >= offset ? recent[index - offset] : undefined;
    const up = p?.up ?? 0;
    const down = p?.down ?? 0;
    const total = up + down;
    const downHeight = total === 0 || down === 0 ? 0 : Math.max(2, Math.round((size.height * down) / total));
    return {
      index,
      t: p?.t ?? null,
      x: index * slot,
      width,
      empty: total === 0,
      up,
      down,
      upHeight: total === 0 ? 0 : size.height - downHeight,
      downHeight,
    };
  });
}

export function sparkSummary(points: readonly HourPoint[]): string {
  let up = 0;
  let failing = 0;
  for (const p of points.slice(-HOURS)) {
    if (p.down > 0) failing += 1;
    else if (p.up > 0) up += 1;
  }
  const empty = HOURS - up - failing;
  if (empty === HOURS) return 'Last 24 hours: no results';
  return `Last 24 hours: ${plural(up, 'hour')} all up, ${plural(failing, 'hour')} with failures, ${plural(empty, 'hour')} without results`;
}
