import type Database from 'better-sqlite3';
import type { BackupEvidence } from '../../preload/schemas/backups.ts';

const HOUR = 3_600_000;

export interface LastRun {
  at: number;
  ok: boolean;
  error: string | null;
}

/**
 * "Last good backup age" judged against two thresholds, like a monitor: UP while younger than
 * warnAfter, DEGRADED until failAfter, DOWN beyond it or when no backup ever succeeded although one
 * was tried, UNKNOWN when none has been tried yet (never a guessed "fine").
 */
export function judgeBackupAge(input: {
  subject: string;
  targetId: number | null;
  lastGoodAt: number | null;
  lastRun: LastRun | null;
  warnAfterMs: number;
  failAfterMs: number;
  now: number;
  source: string;
}): BackupEvidence {
  const base = {
    subject: input.subject,
    targetId: input.targetId,
    lastGoodAt: input.lastGoodAt,
    warnAfterMs: input.warnAfterMs,
    failAfterMs: input.failAfterMs,
    measuredAt: input.now,
    source: input.source,
  };
  const lastFailure = input.lastRun && !input.lastRun.ok ? `; the last attempt failed: ${input.lastRun.error ?? 'unknown error'}` : '';
  if (input.lastGoodAt === null) {
    if (input.lastRun === null) return { ...base, status: 'UNKNOWN', ageMs: null, detail: 'no backup has run yet' };
    return { ...base, status: 'DOWN', ageMs: null, detail: `no backup has ever succeeded${lastFailure}` };
  }
  const ageMs = Math.max(0, input.now - input.lastGoodAt);
  const age = `last good backup ${formatHours(ageMs)} ago`;
  if (ageMs >= input.failAfterMs) return { ...base, status: 'DOWN', ageMs, detail: `${age}, over the ${formatHours(input.failAfterMs)} limit${lastFailure}` };
  if (ageMs >= input.warnAfterMs) return { ...base, status: 'DEGRADED', ageMs, detail: `${age}, over the ${formatHours(input.warnAfterMs)} warning${lastFailure}` };
  return { ...base, status: 'UP', ageMs, detail: `${age}${lastFailure}` };
}

/** Thresholds for the console's own database: warn after 1.5 scheduled intervals, fail after 3. */
export function databaseThresholds(everyHours: number): { warnAfterMs: number; failAfterMs: number } {
  return { warnAfterMs: 1.5 * everyHours * HOUR, failAfterMs: 3 * everyHours * HOUR };
}

/**
 * The scorecard's backup evidence: one entry for the console's own database and one per remote
 * backup target, measured from the recorded runs at `now`. Reads only; safe to call at any time.
 */
export function readBackupEvidence(db: Database.Database, now = Date.now()): BackupEvidence[] {
  const config = db.prepare('SELECT every_hours FROM backup_config WHERE id = 1').get() as { every_hours: number };
  const dbLast = db.prepare('SELECT started_at, status, error FROM db_backups ORDER BY id DESC LIMIT 1').get() as { started_at: number; status: string; error: string | null } | undefined;
  const dbGood = (db.prepare("SELECT MAX(started_at) AS at FROM db_backups WHERE status = 'ok'").get() as { at: number | null }).at;
  const out: BackupEvidence[] = [
    judgeBackupAge({
      subject: 'Photon Console database',
      targetId: null,
      lastGoodAt: dbGood,
      lastRun: dbLast ? { at: dbLast.started_at, ok: dbLast.status === 'ok', error: dbLast.error } : null,
      ...databaseThresholds(config.every_hours),
      now,
      source: 'db_backups (verified online backups)',
    }),
  ];
  const targets = db.prepare('SELECT id, definition FROM remote_backup_targets ORDER BY id').all() as Array<{ id: number; definition: string }>;
  for (const t of targets) {
    const def = JSON.parse(t.definition) as { name: string; host: string; warnAfterHours: number; failAfterHours: number };
    const last = db.prepare('SELECT started_at, status, error FROM remote_backups WHERE target_id = ? ORDER BY id DESC LIMIT 1').get(t.id) as
      | { started_at: number; status: string; error: string | null }
      | undefined;
    const good = (db.prepare("SELECT MAX(started_at) AS at FROM remote_backups WHERE target_id = ? AND status = 'ok'").get(t.id) as { at: number | null }).at;
    out.push(
      judgeBackupAge({
        subject: `${def.name} (${def.host})`,
        targetId: t.id,
        lastGoodAt: good,
        lastRun: last ? { at: last.started_at, ok: last.status === 'ok', error: last.error } : null,
        warnAfterMs: def.warnAfterHours * HOUR,
        failAfterMs: def.failAfterHours * HOUR,
        now,
        source: `remote_backups (SHA-256 recorded pulls over SSH from ${def.host})`,
      }),
    );
  }
  return out;
}

function formatHours(ms: number): string {
  const h = ms / HOUR;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (h < 1) return `${Math.round(ms / 60_000)} min`;
  return h < 48 ? `${Math.round(h * 10) / 10} h` : `${Math.round((h / 24) * 10) / 10} d`;
}
