import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentSummary, PullSource } from '../../../preload/schemas/agents.ts';
import { createAgentsStore } from '../../../renderer/state/agents-store.ts';
import { deferred, fakeClient } from '../fake-client.ts';

const agent = (id: number, presence: AgentSummary['presence'], computedAt: number): AgentSummary => ({
  id,
  projectId: 'p1',
  code: String.fromCharCode(64 + id),
  name: `Agent ${id}`,
  role: 'Backend',
  capabilities: [],
  backedBy: '',
  retiredAt: null,
  presence,
  presenceSince: computedAt,
  lastSignalAt: null,
  lastHeartbeatAt: null,
  status: null,
  currentTask: null,
  tasksInProgress: 0,
  last24h: { success: 0, failure: 0, avgQuality: null },
  token: null,
  trust: {
    score: null,
    level: 'INSUFFICIENT_DATA',
    confidence: 0,
    observations: { tasks: 0, heartbeatIntervals: 0, effectiveTasks: 0 },
    factors: {
      reliability: { value: null, weight: 0.6, inputs: {}, explanation: '' },
      consistency: { value: null, weight: 0.2, inputs: {}, explanation: '' },
      responsiveness: { value: null, weight: 0.2, inputs: {}, explanation: '' },
    },
    formula: '',
    computedAt,
  },
});

test('agents store: a list read does not undo an agentsUpdated that arrived while it was in flight', async () => {
  const list = deferred<AgentSummary[]>();
  const fake = fakeClient({
    listAgents: () => list.promise,
    listAgentPullSources: async () => [],
    getAgentIngestInfo: async () => ({ url: 'http://127.0.0.1:7718/', error: null }),
  });
  const { store, dispose } = createAgentsStore(fake.client);
  fake.emit('agentsUpdated', { agents: [agent(1, 'ONLINE', 200)] });
  list.resolve([agent(1, 'OFFLINE', 100), agent(2, 'IDLE', 100)]);
  await new Promise((r) => setTimeout(r, 0));
  const s = store.getState();
  assert.equal(s.status, 'ready');
  assert.equal(s.agents[1]?.presence, 'ONLINE', 'the newer event wins over the older read');
  assert.equal(s.agents[2]?.presence, 'IDLE');
  assert.equal(s.ingest?.url, 'http://127.0.0.1:7718/');

  fake.emit('agentsUpdated', { agents: [agent(2, 'STALE', 300)] });
  assert.equal(store.getState().agents[2]?.presence, 'STALE');
  const source = { id: 1, projectId: 'p1', name: 'registry', kind: 'http', target: 'http://x/', intervalSeconds: 60, hasApiKey: true, lastRunAt: null, lastOkAt: null, lastError: null, lastImported: null } satisfies PullSource;
  fake.emit('agentPullSourcesChanged', { sources: [source] });
  assert.deepEqual(store.getState().sources, [source]);
  dispose();
  fake.emit('agentsUpdated', { agents: [agent(2, 'OFFLINE', 400)] });
  assert.equal(store.getState().agents[2]?.presence, 'STALE', 'no updates after dispose');
});

test('agents store: a failed first load says so and keeps nothing invented', async () => {
  const fake = fakeClient({
    listAgents: async () => Promise.reject(Object.assign(new Error('boom'), { code: 'INTERNAL' })),
    listAgentPullSources: async () => [],
    getAgentIngestInfo: async () => ({ url: null, error: 'not enabled' }),
  });
  const { store, dispose } = createAgentsStore(fake.client);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(store.getState().status, 'failed');
  assert.deepEqual(store.getState().agents, {});
  dispose();
});
