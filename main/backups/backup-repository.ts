import type Database from 'better-sqlite3';
import type { Verification } from './verify-database-file.ts';

export interface BackupConfig {
  enabled: boolean;
  everyHours: number;
  keepDaily: number;
  keepWeekly: number;
}

export interface DbBackupRecord {
  id: number;
  file: string;
  trigger: 'schedule' | 'manual';
  startedAt: number;
  durationMs: number | null;
  sizeBytes: number | null;
  sha256: string | null;
  status: 'ok' | 'failed';
  verification: Verification | null;
  error: string | null;
  removedAt: number | null;
}

interface Row {
  id: number;
  file: string;
  trigger: 'schedule' | 'manual';
  started_at: number;
  duration_ms: number | null;
  size_bytes: number | null;
  sha256: string | null;
  status: 'ok' | 'failed';
  verification: string | null;
  error: string | null;
  removed_at: number | null;
}

export class BackupRepository {
  constructor(private readonly db: Database.Database) {}

  config(): BackupConfig {
    const r = this.db.prepare('SELECT * FROM backup_config WHERE id = 1').get() as { enabled: number; every_hours: number; keep_daily: number; keep_weekly: number };
    return { enabled: r.enabled === 1, everyHours: r.every_hours, keepDaily: r.keep_daily, keepWeekly: r.keep_weekly };
  }

  setConfig(c: BackupConfig): void {
    this.db.prepare('UPDATE backup_config SET enabled = ?, every_hours = ?, keep_daily = ?, keep_weekly = ? WHERE id = 1').run(c.enabled ? 1 : 0, c.everyHours, c.keepDaily, c.keepWeekly);
  }

  record(b: Omit<DbBackupRecord, 'id' | 'removedAt'>): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO db_backups (file, trigger, started_at, duration_ms, size_bytes, sha256, status, verification, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(b.file, b.trigger, b.startedAt, b.durationMs, b.sizeBytes, b.sha256, b.status, b.verification ? JSON.stringify(b.verification) : null, b.error).lastInsertRowid,
    );
  }

  markRemoved(id: number, at: number): void {
    this.db.prepare('UPDATE db_backups SET removed_at = ? WHERE id = ?').run(at, id);
  }

  get(id: number): DbBackupRecord | undefined {
    const r = this.db.prepare('SELECT * FROM db_backups WHERE id = ?').get(id) as Row | undefined;
    return r && toRecord(r);
  }

  recent(limit: number): DbBackupRecord[] {
    return (this.db.prepare('SELECT * FROM db_backups ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toRecord);
  }

  /** Successful backups whose file has not been removed by retention. */
  present(): DbBackupRecord[] {
    return (this.db.prepare("SELECT * FROM db_backups WHERE status = 'ok' AND removed_at IS NULL ORDER BY started_at DESC").all() as Row[]).map(toRecord);
  }

  lastGoodAt(): number | null {
    return (this.db.prepare("SELECT MAX(started_at) AS at FROM db_backups WHERE status = 'ok'").get() as { at: number | null }).at;
  }
}

function toRecord(r: Row): DbBackupRecord {
  return {
    id: r.id,
    file: r.file,
    trigger: r.trigger,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    status: r.status,
    verification: r.verification ? (JSON.parse(r.verification) as Verification) : null,
    error: r.error,
    removedAt: r.removed_at,
  };
}
