import type Database from 'better-sqlite3';
import { RAW_BLOCK_MS } from './storage/raw-block.ts';
import { RESOLUTIONS } from './storage/rollup-block.ts';

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
 * Deletes expired blocks monitor by monitor: each DELETE is a range on the (monitor_id, block) key, so
 * it touches only what it removes instead of scanning the whole table.
 */
export function pruneOldData(db: Database.Database, policy: RetentionPolicy, now: number): number {
  const ids = db.prepare<[], { id: number }>('SELECT id FROM monitors').all().map((r) => r.id);
  const blockBefore = (table: string, before: number, blockMs: number) => ({
    stmt: db.prepare<[number, number]>(`DELETE FROM ${table} WHERE monitor_id = ? AND block < ?`),
    // Whole blocks only: a block is dropped once all of it is older than the window.
    bound: Math.floor(before / blockMs),
  });
  const plans = [
    blockBefore('result_blocks', now - policy.rawMs, RAW_BLOCK_MS),
    blockBefore('rollup_minute', now - policy.minuteMs, RESOLUTIONS.minute.slotMs * RESOLUTIONS.minute.slots),
    blockBefore('rollup_hour', now - policy.hourMs, RESOLUTIONS.hour.slotMs * RESOLUTIONS.hour.slots),
    blockBefore('rollup_day', now - policy.dayMs, RESOLUTIONS.day.slotMs * RESOLUTIONS.day.slots),
  ];
  // The message in force when the window starts is kept: the oldest results still shown refer to it.
  const messages = db.prepare<[number, number, number, number]>(
    'DELETE FROM result_messages WHERE monitor_id = ? AND at < coalesce((SELECT max(at) FROM result_messages WHERE monitor_id = ? AND at <= ?), ?)',
  );
  let removed = 0;
  // Chunks keep each write transaction short so the results writer is never blocked for long.
  for (let i = 0; i < ids.length; i += 200) {
    db.transaction(() => {
      for (const id of ids.slice(i, i + 200)) {
        for (const p of plans) removed += p.stmt.run(id, p.bound).changes;
        removed += messages.run(id, id, now - policy.rawMs, now - policy.rawMs).changes;
      }
    })();
  }
  removed += pruneHistory(db, now - policy.dayMs);
  return removed;
}

/** Incidents and transitions as long as day rollups; rows left by monitors that no longer exist. */
function pruneHistory(db: Database.Database, before: number): number {
  let removed = 0;
  db.transaction(() => {
    removed += db.prepare('DELETE FROM monitor_events WHERE at < ?').run(before).changes;
    removed += db.prepare('DELETE FROM incidents WHERE closed_at IS NOT NULL AND closed_at < ?').run(before).changes;
    for (const table of ['result_blocks', 'result_messages', 'rollup_minute', 'rollup_hour', 'rollup_day']) {
      removed += db.prepare(`DELETE FROM ${table} WHERE monitor_id NOT IN (SELECT id FROM monitors)`).run().changes;
    }
  })();
  return removed;
}
