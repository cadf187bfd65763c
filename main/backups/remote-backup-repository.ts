import type Database from 'better-sqlite3';
import type { RemoteRun, RemoteTargetInput } from '../../preload/schemas/backups.ts';

export type RemoteDefinition = Omit<RemoteTargetInput, 'id'>;

export interface RemoteTargetRecord {
  id: number;
  definition: RemoteDefinition;
  createdAt: number;
}

interface RunRow {
  id: number;
  target_id: number;
  file: string | null;
  started_at: number;
  duration_ms: number | null;
  size_bytes: number | null;
  sha256: string | null;
  status: 'ok' | 'failed';
  error: string | null;
  removed_at: number | null;
}

export class RemoteBackupRepository {
  constructor(private readonly db: Database.Database) {}

  targets(): RemoteTargetRecord[] {
    return (this.db.prepare('SELECT id, definition, created_at FROM remote_backup_targets ORDER BY name COLLATE NOCASE').all() as Array<{ id: number; definition: string; created_at: number }>).map(
      (r) => ({ id: r.id, definition: JSON.parse(r.definition) as RemoteDefinition, createdAt: r.created_at }),
    );
  }

  target(id: number): RemoteTargetRecord | undefined {
    return this.targets().find((t) => t.id === id);
  }

  byName(name: string): RemoteTargetRecord | undefined {
    return this.targets().find((t) => t.definition.name.toLowerCase() === name.toLowerCase());
  }

  insert(def: RemoteDefinition, now: number): number {
    return Number(this.db.prepare('INSERT INTO remote_backup_targets (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)').run(def.name, JSON.stringify(def), now, now).lastInsertRowid);
  }

  update(id: number, def: RemoteDefinition, now: number): void {
    this.db.prepare('UPDATE remote_backup_targets SET name = ?, definition = ?, updated_at = ? WHERE id = ?').run(def.name, JSON.stringify(def), now, id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM remote_backup_targets WHERE id = ?').run(id).changes > 0;
  }

  record(run: Omit<RemoteRun, 'id' | 'removedAt'>): number {
    return Number(
      this.db
        .prepare('INSERT INTO remote_backups (target_id, file, started_at, duration_ms, size_bytes, sha256, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(run.targetId, run.file, run.startedAt, run.durationMs, run.sizeBytes, run.sha256, run.status, run.error).lastInsertRowid,
    );
  }

  run(id: number): RemoteRun | undefined {
    const r = this.db.prepare('SELECT * FROM remote_backups WHERE id = ?').get(id) as RunRow | undefined;
    return r && toRun(r);
  }

  recentRuns(limit: number): RemoteRun[] {
    return (this.db.prepare('SELECT * FROM remote_backups ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(toRun);
  }

  presentRuns(targetId: number): RemoteRun[] {
    return (this.db.prepare("SELECT * FROM remote_backups WHERE target_id = ? AND status = 'ok' AND removed_at IS NULL ORDER BY started_at DESC").all(targetId) as RunRow[]).map(toRun);
  }

  markRemoved(id: number, at: number): void {
    this.db.prepare('UPDATE remote_backups SET removed_at = ? WHERE id = ?').run(at, id);
  }
}

function toRun(r: RunRow): RemoteRun {
  return {
    id: r.id,
    targetId: r.target_id,
    file: r.file,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    status: r.status,
    error: r.error,
    removedAt: r.removed_at,
  };
}
