import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Envelope } from '../../preload/contract.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startHttpServer } from '../../main/server/http-server.ts';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import { startTestCore } from '../helpers/core-harness.ts';

/**
 * The console's two listeners, `photon serve` and the agents' push ingest, each ready to take a
 * POST with a body: the edges in main/http must hold on both.
 */
export interface Listener {
  name: string;
  port: number;
  /** A path whose handler reads a JSON body once the caller is authenticated. */
  postPath: string;
  /** Headers that get the request as far as reading its body. */
  headers: Record<string, string>;
  /** The body cap this listener enforces. */
  limit: number;
  /** A small body for postPath that changes something when accepted (a new one each call). */
  acceptedBody(): string;
  /** What accepted requests have changed so far: equal before and after a refused one. */
  sideEffects(): Promise<unknown>;
  close(): Promise<void>;
}

const TOKEN = 'edge-test-token';
let calls = 0;

async function startServe(): Promise<Listener> {
  const core = startTestCore();
  fs.writeFileSync(path.join(core.dataDir, 'index.html'), '<!doctype html><title>shell</title>');
  const server = await startHttpServer({ core, token: TOKEN, staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
  return {
    name: 'photon serve',
    port: server.port,
    postPath: '/api/addProject',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    limit: 1024 * 1024,
    acceptedBody: () => JSON.stringify({ name: `reached ${++calls}` }),
    sideEffects: async () => core.dispatch('listProjects', {}),
    close: async () => {
      await server.close();
      await core.dispose();
    },
  };
}

async function startPushIngest(): Promise<Listener> {
  const limit = 4096;
  const core = startTestCore(undefined, { secrets: new MemorySecretStore(), agents: { ingestPort: 0, maxBodyBytes: limit } });
  await core.agents.ready;
  const url = core.agents.ingestInfo().url;
  if (!url) throw new Error(`push ingest did not start: ${core.agents.ingestInfo().error}`);
  const project = (await core.dispatch('addProject', { name: 'edges' })) as Envelope<{ id: string }>;
  if (!project.ok) throw new Error(project.error.message);
  const agents = (await core.dispatch('listAgents', { projectId: project.value.id })) as Envelope<Array<{ id: number }>>;
  if (!agents.ok) throw new Error(agents.error.message);
  const token = (await core.dispatch('createAgentToken', { id: agents.value[0]!.id })) as Envelope<{ token: string }>;
  if (!token.ok) throw new Error(token.error.message);
  return {
    name: 'agents push ingest',
    port: Number(new URL(url).port),
    postPath: `/ping/${token.value.token}/status`,
    headers: { 'Content-Type': 'application/json' },
    limit,
    acceptedBody: () => JSON.stringify({ text: 'reached' }),
    sideEffects: async () => {
      const db = new Database(path.join(core.dataDir, DATABASE_FILE), { readonly: true });
      try {
        return db.prepare('SELECT count(*) AS n FROM agent_signals').get();
      } finally {
        db.close();
      }
    },
    close: () => core.dispose(),
  };
}

export const LISTENERS: Array<{ name: string; start: () => Promise<Listener> }> = [
  { name: 'photon serve', start: startServe },
  { name: 'the agents push ingest', start: startPushIngest },
];
