import path from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../preload/contract.ts';
import type { AgentsOptions } from '../../main/agents/agents-runtime.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import { startTestCore } from '../helpers/core-harness.ts';

export type TestCore = ReturnType<typeof startTestCore>;

/** A core with the push ingest on a free loopback port and an in-memory vault. */
export async function startAgentsCore(agents: AgentsOptions = {}, dataDir?: string) {
  const secrets = new MemorySecretStore();
  const core = startTestCore(dataDir, { secrets, agents: { ingestPort: 0, ...agents } });
  await core.agents.ready;
  const url = core.agents.ingestInfo().url;
  if (!url) throw new Error(`push ingest did not start: ${core.agents.ingestInfo().error}`);
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
    const env = (await core.dispatch(method, input)) as Envelope<MethodResult<M>>;
    if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
    return env.value;
  };
  return { core, secrets, url, call };
}

export interface PushAnswer {
  status: number;
  body: { ok: boolean; error?: { code: string; message: string; field?: string }; [k: string]: unknown };
  headers: Headers;
}

/** What an agent's script does: POST JSON to /ping/<token>[/kind]. */
export async function push(base: string, token: string, kind: '' | 'status' | 'start' | 'finish', body?: unknown, init: RequestInit = {}): Promise<PushAnswer> {
  const res = await fetch(new URL(`ping/${token}${kind ? `/${kind}` : ''}`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...init,
  });
  return { status: res.status, body: (await res.json()) as PushAnswer['body'], headers: res.headers };
}

/** Row counts of everything an agent's reports can write: "nothing stored" means these do not move. */
export function storedCounts(dataDir: string, agentId: number) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get(agentId) as { n: number }).n;
    return {
      heartbeats: n("SELECT count(*) AS n FROM agent_signals WHERE agent_id = ? AND kind = 'heartbeat'"),
      statuses: n("SELECT count(*) AS n FROM agent_signals WHERE agent_id = ? AND kind = 'status'"),
      tasks: n('SELECT count(*) AS n FROM agent_tasks WHERE agent_id = ?'),
      finished: n('SELECT count(*) AS n FROM agent_tasks WHERE agent_id = ? AND finished_at IS NOT NULL'),
      keys: n('SELECT count(*) AS n FROM agent_event_keys WHERE agent_id = ?'),
    };
  } finally {
    db.close();
  }
}
