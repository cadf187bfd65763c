import type Database from 'better-sqlite3';
import type { MaintenanceSchedule } from './schedule.ts';

export interface MaintenanceWindowRecord {
  id: number;
  name: string;
  monitorId: number;
  /** 'host': the monitor and every monitor that depends on it (directly or through others). */
  scope: 'monitor' | 'host';
  schedule: MaintenanceSchedule;
  createdAt: number;
}

interface Row {
  id: number;
  name: string;
  monitor_id: number;
  scope: 'monitor' | 'host';
  schedule: string;
  created_at: number;
}

export class MaintenanceRepository {
  constructor(private readonly db: Database.Database) {}

  list(): MaintenanceWindowRecord[] {
    return (this.db.prepare('SELECT * FROM maintenance_windows ORDER BY id').all() as Row[]).map(toRecord);
  }

  get(id: number): MaintenanceWindowRecord | undefined {
    const row = this.db.prepare('SELECT * FROM maintenance_windows WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  insert(w: Omit<MaintenanceWindowRecord, 'id' | 'createdAt'>, now: number): number {
    return Number(
      this.db
        .prepare('INSERT INTO maintenance_windows (name, monitor_id, scope, schedule, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(w.name, w.monitorId, w.scope, JSON.stringify(w.schedule), now).lastInsertRowid,
    );
  }

  update(id: number, w: Omit<MaintenanceWindowRecord, 'id' | 'createdAt'>): void {
    this.db
      .prepare('UPDATE maintenance_windows SET name = ?, monitor_id = ?, scope = ?, schedule = ? WHERE id = ?')
      .run(w.name, w.monitorId, w.scope, JSON.stringify(w.schedule), id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM maintenance_windows WHERE id = ?').run(id).changes > 0;
  }
}

function toRecord(r: Row): MaintenanceWindowRecord {
  return { id: r.id, name: r.name, monitorId: r.monitor_id, scope: r.scope, schedule: JSON.parse(r.schedule) as MaintenanceSchedule, createdAt: r.created_at };
}
