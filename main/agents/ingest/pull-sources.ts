import type Database from 'better-sqlite3';
import { PullDefinitionSchema, type PullDefinition, type PullSource } from '../../../preload/schemas/agents.ts';
import { ContractError } from '../../api/contract-error.ts';
import { shownUrl } from './http-pull.ts';

export interface PullSourceRecord {
  id: number;
  projectId: string;
  name: string;
  definition: PullDefinition;
  apiKeyRef: string | null;
  lastRunAt: number | null;
  lastOkAt: number | null;
  lastError: string | null;
  lastImported: number | null;
}

interface Row {
  id: number;
  project_id: string;
  name: string;
  definition: string;
  api_key_ref: string | null;
  last_run_at: number | null;
  last_ok_at: number | null;
  last_error: string | null;
  last_imported: number | null;
}

/** Where agent events are pulled from. The API key is a SecretRef; its value lives in the keychain. */
export class PullSourceRepository {
  constructor(private readonly db: Database.Database) {}

  list(projectId: string | null): PullSourceRecord[] {
    const rows = (
      projectId === null
        ? this.db.prepare('SELECT * FROM agent_pull_sources ORDER BY id').all()
        : this.db.prepare('SELECT * FROM agent_pull_sources WHERE project_id = ? ORDER BY id').all(projectId)
    ) as Row[];
    return rows.map(toRecord);
  }

  require(id: number): PullSourceRecord {
    const row = this.db.prepare('SELECT * FROM agent_pull_sources WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw new ContractError('NOT_FOUND', `No agent pull source with id ${id}`, 'id');
    return toRecord(row);
  }

  insert(projectId: string, name: string, definition: PullDefinition, apiKeyRef: string | null, now: number): PullSourceRecord {
    const r = this.db
      .prepare('INSERT INTO agent_pull_sources (project_id, name, definition, api_key_ref, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(projectId, name, JSON.stringify(definition), apiKeyRef, now);
    return this.require(Number(r.lastInsertRowid));
  }

  /** A changed definition runs again at once: last_run_at is cleared. */
  update(id: number, name: string, definition: PullDefinition, apiKeyRef: string | null): PullSourceRecord {
    this.db.prepare('UPDATE agent_pull_sources SET name = ?, definition = ?, api_key_ref = ?, last_run_at = NULL WHERE id = ?').run(name, JSON.stringify(definition), apiKeyRef, id);
    return this.require(id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM agent_pull_sources WHERE id = ?').run(id);
  }

  /** `reached`: the source answered with rows (some may still have been skipped, as `error` says). */
  recordRun(id: number, at: number, reached: boolean, error: string | null, imported: number): void {
    this.db
      .prepare('UPDATE agent_pull_sources SET last_run_at = ?, last_ok_at = CASE WHEN ? THEN ? ELSE last_ok_at END, last_error = ?, last_imported = ? WHERE id = ?')
      .run(at, reached ? 1 : 0, at, error, imported, id);
  }
}

export function toPullSource(r: PullSourceRecord): PullSource {
  const d = r.definition;
  return {
    id: r.id,
    projectId: r.projectId,
    name: r.name,
    kind: d.kind,
    // Origin and path only: a query string (often ?key=…) never reaches the renderer.
    target: d.kind === 'http' ? shownUrl(d.url) : `${d.user}@${d.host}:${d.port} ${d.file}`,
    intervalSeconds: d.intervalSeconds,
    hasApiKey: r.apiKeyRef !== null,
    lastRunAt: r.lastRunAt,
    lastOkAt: r.lastOkAt,
    lastError: r.lastError,
    lastImported: r.lastImported,
  };
}

function toRecord(r: Row): PullSourceRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    // Stored by this code after validation; parsing again keeps defaults in step with the schema.
    definition: PullDefinitionSchema.parse(withoutUrlCredentials(JSON.parse(r.definition))),
    apiKeyRef: r.api_key_ref,
    lastRunAt: r.last_run_at,
    lastOkAt: r.last_ok_at,
    lastError: r.last_error,
    lastImported: r.last_imported,
  };
}

/** Sources saved before URLs with user:password@ were refused: the credentials are dropped (fetch refuses them anyway). */
function withoutUrlCredentials(definition: unknown): unknown {
  const d = definition as { kind?: unknown; url?: unknown };
  if (d?.kind !== 'http' || typeof d.url !== 'string') return definition;
  try {
    const u = new URL(d.url);
    if (u.username === '' && u.password === '') return definition;
    u.username = '';
    u.password = '';
    return { ...d, url: u.toString() };
  } catch {
    return definition;
  }
}
