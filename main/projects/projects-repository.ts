import type Database from 'better-sqlite3';
import type { Project } from '../../preload/contract.ts';

interface ProjectRow {
  id: string;
  name: string;
  repo_path: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

const toProject = (r: ProjectRow): Project => ({
  id: r.id,
  name: r.name,
  repoPath: r.repo_path,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** SQL for the projects table, and nothing else. */
export class ProjectsRepository {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      list: db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY name COLLATE NOCASE'),
      get: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
      byName: db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE name = ? COLLATE NOCASE'),
      insert: db.prepare(
        'INSERT INTO projects (id, name, repo_path, notes, created_at, updated_at) VALUES (@id, @name, @repoPath, @notes, @createdAt, @updatedAt)',
      ),
      update: db.prepare(
        'UPDATE projects SET name = @name, repo_path = @repoPath, notes = @notes, updated_at = @updatedAt WHERE id = @id',
      ),
      remove: db.prepare<[string]>('DELETE FROM projects WHERE id = ?'),
    };
  }

  list(): Project[] {
    return this.stmts.list.all().map(toProject);
  }

  get(id: string): Project | undefined {
    const row = this.stmts.get.get(id);
    return row && toProject(row);
  }

  findByName(name: string): Project | undefined {
    const row = this.stmts.byName.get(name);
    return row && toProject(row);
  }

  insert(p: Project): void {
    this.stmts.insert.run(p);
  }

  update(p: Project): void {
    this.stmts.update.run(p);
  }

  remove(id: string): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }
}
