import type Database from 'better-sqlite3';
import { DeclaredEnvironmentSchema, type DeclaredEnvironment } from '../../preload/contract.ts';

/** Declared facts per project (provider, region, cost…): what the app cannot measure, with their source. */
export class EnvironmentRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare<[string], { declared: string; source: string | null }>('SELECT declared, source FROM project_environment WHERE project_id = ?'),
      set: db.prepare(
        'INSERT INTO project_environment (project_id, declared, source) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET declared = excluded.declared, source = excluded.source',
      ),
    };
  }

  get(projectId: string): { declared: DeclaredEnvironment; source: string | null } | null {
    const row = this.stmts.get.get(projectId);
    if (!row) return null;
    const parsed = DeclaredEnvironmentSchema.safeParse(JSON.parse(row.declared));
    return parsed.success ? { declared: parsed.data, source: row.source } : null;
  }

  set(projectId: string, declared: DeclaredEnvironment, source: string): void {
    this.stmts.set.run(projectId, JSON.stringify(declared), source);
  }

  /** The non-empty declared facts as plain strings, for the scorecard's evidence; null when none were declared. */
  declaredFacts(projectId: string): { facts: Record<string, string>; source: string | null } | null {
    const env = this.get(projectId);
    if (!env) return null;
    const facts = Object.fromEntries(Object.entries(env.declared).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    return Object.keys(facts).length ? { facts, source: env.source } : null;
  }
}
