import type Database from 'better-sqlite3';
import { ContractError } from '../api/contract-error.ts';

/** The six agents of the reference system; every project starts with them, all editable. */
export const DEFAULT_AGENTS = [
  { code: 'A', name: 'Agent A', role: 'UI Velocity' },
  { code: 'B', name: 'Agent B', role: 'Design & Architecture' },
  { code: 'C', name: 'Agent C', role: 'Backend' },
  { code: 'D', name: 'Agent D', role: 'Integration' },
  { code: 'E', name: 'Agent E', role: 'Operations & Supervisor' },
  { code: 'F', name: 'Agent F', role: 'Strategic Planning' },
] as const;

export interface AgentRecord {
  id: number;
  projectId: string;
  code: string;
  name: string;
  role: string;
  capabilities: string[];
  backedBy: string;
  retiredAt: number | null;
  tokenRef: string | null;
  tokenCreatedAt: number | null;
  createdAt: number;
}

interface Row {
  id: number;
  project_id: string;
  code: string;
  name: string;
  role: string;
  capabilities: string;
  backed_by: string;
  retired_at: number | null;
  token_ref: string | null;
  token_created_at: number | null;
  created_at: number;
}

const COLUMNS = 'id, project_id, code, name, role, capabilities, backed_by, retired_at, token_ref, token_created_at, created_at';

export interface AgentFields {
  name: string;
  role: string;
  capabilities: string[];
  backedBy: string;
}

/** The roster in SQLite. Agents are retired, never deleted: their history must stay readable. */
export class AgentRoster {
  constructor(private readonly db: Database.Database) {}

  list(projectId: string | null): AgentRecord[] {
    const rows = (
      projectId === null
        ? this.db.prepare(`SELECT ${COLUMNS} FROM agents ORDER BY project_id, code`).all()
        : this.db.prepare(`SELECT ${COLUMNS} FROM agents WHERE project_id = ? ORDER BY code`).all(projectId)
    ) as Row[];
    return rows.map(toRecord);
  }

  get(id: number): AgentRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?`).get(id) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  require(id: number): AgentRecord {
    const agent = this.get(id);
    if (!agent) throw new ContractError('NOT_FOUND', `No agent with id ${id}`, 'id');
    return agent;
  }

  /** The live agent a push token belongs to; retired agents have no token. */
  findByTokenHash(hash: string): AgentRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM agents WHERE token_hash = ? AND retired_at IS NULL`).get(hash) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  findByCode(projectId: string, code: string): AgentRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM agents WHERE project_id = ? AND code = ?`).get(projectId, code) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  /** Seeds A–F into a project that has never had a roster; a project whose agents were all retired keeps them retired. */
  seedDefaults(projectId: string, now: number): boolean {
    const has = this.db.prepare('SELECT 1 FROM agents WHERE project_id = ? LIMIT 1').get(projectId);
    if (has) return false;
    const insert = this.db.prepare(
      'INSERT INTO agents (project_id, code, name, role, capabilities, backed_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const a of DEFAULT_AGENTS) insert.run(projectId, a.code, a.name, a.role, '[]', '', now, now);
    })();
    return true;
  }

  add(projectId: string, code: string | undefined, fields: AgentFields, now: number): AgentRecord {
    const chosen = code ?? this.nextCode(projectId);
    if (this.findByCode(projectId, chosen)) {
      throw new ContractError('CONFLICT', `Agent code "${chosen}" is already used in this project (retired agents keep their code)`, 'code');
    }
    const result = this.db
      .prepare('INSERT INTO agents (project_id, code, name, role, capabilities, backed_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(projectId, chosen, fields.name, fields.role, JSON.stringify(fields.capabilities), fields.backedBy, now, now);
    return this.require(Number(result.lastInsertRowid));
  }

  update(id: number, fields: AgentFields, now: number): AgentRecord {
    this.require(id);
    this.db
      .prepare('UPDATE agents SET name = ?, role = ?, capabilities = ?, backed_by = ?, updated_at = ? WHERE id = ?')
      .run(fields.name, fields.role, JSON.stringify(fields.capabilities), fields.backedBy, now, id);
    return this.require(id);
  }

  retire(id: number, now: number): void {
    this.db.prepare('UPDATE agents SET retired_at = ?, token_hash = NULL, token_ref = NULL, token_created_at = NULL, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  setToken(id: number, hash: string, ref: string, now: number): void {
    this.db.prepare('UPDATE agents SET token_hash = ?, token_ref = ?, token_created_at = ?, updated_at = ? WHERE id = ?').run(hash, ref, now, now, id);
  }

  /** G, H, … after the defaults; then A2, B2 … — any free one-or-two character code. */
  private nextCode(projectId: string): string {
    const used = new Set((this.db.prepare('SELECT code FROM agents WHERE project_id = ?').all(projectId) as Array<{ code: string }>).map((r) => r.code));
    for (let round = 1; ; round++) {
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        const code = round === 1 ? letter : `${letter}${round}`;
        if (!used.has(code)) return code;
      }
    }
  }
}

function toRecord(r: Row): AgentRecord {
  return {
    id: r.id,
    projectId: r.project_id,
    code: r.code,
    name: r.name,
    role: r.role,
    capabilities: JSON.parse(r.capabilities) as string[],
    backedBy: r.backed_by,
    retiredAt: r.retired_at,
    tokenRef: r.token_ref,
    tokenCreatedAt: r.token_created_at,
    createdAt: r.created_at,
  };
}
