import type Database from 'better-sqlite3';
import { z } from 'zod';
import { MonitorDefinitionSchema, type MonitorDefinition, type MonitorSummary } from '../../preload/contract.ts';

export type MonitorSource = MonitorSummary['source'];

export interface MonitorRecord {
  id: number;
  definition: MonitorDefinition;
  source: MonitorSource;
  paused: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  parent_id: number | null;
  definition: string;
  source_file: string | null;
  source_line: number | null;
  paused: number;
  created_at: number;
  updated_at: number;
}

/** SQL for monitor definitions. The definition is JSON validated on the way in and out. */
export class MonitorRepository {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      all: db.prepare<[], Row>('SELECT * FROM monitors ORDER BY id'),
      get: db.prepare<[number], Row>('SELECT * FROM monitors WHERE id = ?'),
      insert: db.prepare(
        'INSERT INTO monitors (project_id, parent_id, definition, source_file, source_line, paused, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
      ),
      update: db.prepare('UPDATE monitors SET project_id = ?, parent_id = ?, definition = ?, source_file = ?, source_line = ?, updated_at = ? WHERE id = ?'),
      paused: db.prepare('UPDATE monitors SET paused = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare<[number]>('DELETE FROM monitors WHERE id = ?'),
      // results and rollups carry no foreign key (they are the hot, compact tables), so they are cleared here.
      removeData: ['result_blocks', 'result_messages', 'rollup_minute', 'rollup_hour', 'rollup_day'].map((t) => db.prepare<[number]>(`DELETE FROM ${t} WHERE monitor_id = ?`)),
      fromFile: db.prepare<[string, string], Row>('SELECT * FROM monitors WHERE project_id = ? AND source_file = ?'),
    };
  }

  /** Every stored monitor; a row that no longer validates is reported, not thrown, so the rest still load. */
  loadAll(): { records: MonitorRecord[]; problems: Array<{ id: number; reason: string }> } {
    const records: MonitorRecord[] = [];
    const problems: Array<{ id: number; reason: string }> = [];
    for (const row of this.stmts.all.all()) {
      try {
        records.push(toRecord(row));
      } catch (err) {
        const reason = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err);
        problems.push({ id: row.id, reason });
      }
    }
    return { records, problems };
  }

  get(id: number): MonitorRecord | undefined {
    const row = this.stmts.get.get(id);
    return row && toRecord(row);
  }

  fromFile(projectId: string, file: string): MonitorRecord[] {
    return this.stmts.fromFile.all(projectId, file).map(toRecord);
  }

  insert(def: MonitorDefinition, source: MonitorSource, now: number): number {
    const { parentId, ...rest } = def;
    const [file, line] = sourceColumns(source);
    return Number(this.stmts.insert.run(def.projectId, parentId, JSON.stringify(rest), file, line, now, now).lastInsertRowid);
  }

  update(id: number, def: MonitorDefinition, source: MonitorSource, now: number): void {
    const { parentId, ...rest } = def;
    const [file, line] = sourceColumns(source);
    this.stmts.update.run(def.projectId, parentId, JSON.stringify(rest), file, line, now, id);
  }

  setPaused(id: number, paused: boolean, now: number): void {
    this.stmts.paused.run(paused ? 1 : 0, now, id);
  }

  remove(id: number): boolean {
    return this.db.transaction(() => {
      this.stmts.removeData.forEach((s) => s.run(id));
      return this.stmts.remove.run(id).changes > 0;
    })();
  }
}

function sourceColumns(source: MonitorSource): [string | null, number | null] {
  return source.type === 'file' ? [source.file, source.line] : [null, null];
}

function toRecord(r: Row): MonitorRecord {
  const stored = JSON.parse(r.definition) as Record<string, unknown>;
  return {
    id: r.id,
    // Parsing on read keeps a hand-edited or older row from reaching the engine malformed.
    definition: MonitorDefinitionSchema.parse({ ...stored, parentId: r.parent_id }),
    source: r.source_file !== null ? { type: 'file', file: r.source_file, line: r.source_line ?? 0 } : { type: 'ui' },
    paused: r.paused === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
