import type Database from 'better-sqlite3';

export interface RetentionPolicy {
  /** Raw results; charts never read them, the detail page shows the latest few. */
  rawMs: number;
  minuteMs: number;
  hourMs: number;
  dayMs: number;
  everyMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Uptime Kuma 2's proportions: minutes for a day, hours for a month, days for a year. */
export const RETENTION_DEFAULTS: RetentionPolicy = { rawMs: DAY, minuteMs: DAY, hourMs: 31 * DAY, dayMs: 400 * DAY, everyMs: HOUR };

/**
 * Deletes expired rows monitor by monitor: each DELETE is a range on the (monitor_id, at) key, so
 * it touches only what it removes instead of scanning the whole table.
 */
export function pruneOldData(db: Database.Database, policy: RetentionPolicy, now: number): number {
  const ids = db.prepare<[], { id: number }>('SELECT id FROM monitors').all().map((r) => r.id);
  const plans = [
    { stmt: db.prepare<[number, number]>('DELETE FROM results WHERE monitor_id = ? AND at < ?'), before: now - policy.rawMs },
    { stmt: db.prepare<[number, number]>('DELETE FROM rollup_minute WHERE monitor_id = ? AND bucket < ?'), before: now - policy.minuteMs },
    { stmt: db.prepare<[number, number]>('DELETE FROM rollup_hour WHERE monitor_id = ? AND bucket < ?'), before: now - policy.hourMs },
    { stmt: db.prepare<[number, number]>('DELETE FROM rollup_day WHERE monitor_id = ? AND bucket < ?'), before: now - policy.dayMs },
  ];
  let removed = 0;
  // Chunks keep each write transaction short so the results writer is never blocked for long.
  for (let i = 0; i < ids.length; i += 200) {
    db.transaction(() => {
      for (const id of ids.slice(i, i + 200)) for (const p of plans) removed += p.stmt.run(id, p.before).changes;
    })();
  }
  return removed;
}
