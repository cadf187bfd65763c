import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AgentSummary } from '../../preload/schemas/agents.ts';
import { hashPushToken } from '../../main/agents/tokens.ts';
import { push, startAgentsCore, storedCounts } from './agents-harness.ts';

const close = (actual: number | null, expected: number, what: string, eps: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${what}: expected ≈${expected}, got ${actual}`);

type Event = { kind: '' | 'start' | 'finish'; body: Record<string, unknown> };

/**
 * Per agent, 10 clients × 200 events. A client owns whole tasks (start then finish, in order), so
 * concurrency never makes a finish overtake its start; every event carries a unique key.
 */
function script(agent: string, client: number, plan: { tasks: number; outcome: (i: number) => 'success' | 'failure'; duration: (i: number) => number; openTask: boolean }): Event[] {
  const events: Event[] = [];
  for (let t = 0; t < plan.tasks; t++) {
    const i = client * plan.tasks + t;
    const taskId = `${agent}-task-${i}`;
    events.push({ kind: 'start', body: { taskId, title: `Task ${i}`, key: `${taskId}:start` } });
    events.push({ kind: 'finish', body: { taskId, outcome: plan.outcome(i), durationMs: plan.duration(i), quality: 0.5, key: `${taskId}:finish` } });
  }
  if (plan.openTask) events.push({ kind: 'start', body: { taskId: `${agent}-open-${client}`, title: 'Still running', key: `${agent}-open-${client}:start` } });
  let beat = 0;
  while (events.length < 200) events.push({ kind: '', body: { key: `${agent}-c${client}-hb-${beat++}` } });
  // Heartbeats spread between the task events, as a real agent would send them.
  return interleave(events);
}

function interleave(events: Event[]): Event[] {
  const tasks = events.filter((e) => e.kind !== '');
  const beats = events.filter((e) => e.kind === '');
  const out: Event[] = [];
  const every = Math.max(1, Math.floor(beats.length / (tasks.length + 1)));
  while (tasks.length || beats.length) {
    for (let i = 0; i < every && beats.length; i++) out.push(beats.shift()!);
    if (tasks.length) out.push(tasks.shift()!);
  }
  return out;
}

test('50 concurrent clients send 10,000 heartbeats and task events: each stored exactly once; presence and trust as hand-computed', { timeout: 240_000 }, async (t) => {
  const { core, url, call } = await startAgentsCore({ rate: { perSecond: 1e6, burst: 1e6 } });
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'swarm' });
  const roster = await call('listAgents', { projectId: project.id });
  assert.deepEqual(
    roster.map((a) => [a.code, a.role]),
    [
      ['A', 'UI Velocity'],
      ['B', 'Design & Architecture'],
      ['C', 'Backend'],
      ['D', 'Integration'],
      ['E', 'Operations & Supervisor'],
      ['F', 'Strategic Planning'],
    ],
  );
  const byCode = Object.fromEntries(roster.map((a) => [a.code, a]));
  const tokens: Record<string, string> = {};
  for (const code of ['A', 'B', 'C', 'D', 'E']) tokens[code] = (await call('createAgentToken', { id: byCode[code]!.id })).token;

  const plans = {
    // 200 tasks, all success, 1 s each; 10 tasks left open → ONLINE.
    A: { tasks: 20, outcome: () => 'success' as const, duration: () => 1000, openTask: true },
    // 200 tasks, all failures.
    B: { tasks: 20, outcome: () => 'failure' as const, duration: () => 1000, openTask: false },
    // 200 successes, durations 500 ms / 1500 ms alternately: CV 0.5.
    C: { tasks: 20, outcome: () => 'success' as const, duration: (i: number) => (i % 2 === 0 ? 500 : 1500), openTask: false },
    // 20 successes only.
    D: { tasks: 2, outcome: () => 'success' as const, duration: () => 2000, openTask: false },
    // Heartbeats only.
    E: { tasks: 0, outcome: () => 'success' as const, duration: () => 0, openTask: false },
  };
  const clients: Array<{ token: string; events: Event[] }> = [];
  for (const [code, plan] of Object.entries(plans)) {
    for (let c = 0; c < 10; c++) clients.push({ token: tokens[code]!, events: script(code, c, plan) });
  }
  assert.equal(clients.length, 50);
  assert.equal(clients.reduce((n, c) => n + c.events.length, 0), 10_000);

  const updates: AgentSummary[] = [];
  const off = core.events.onAny((event, payload) => {
    if (event === 'agentsUpdated') updates.push(...(payload as { agents: AgentSummary[] }).agents);
  });
  t.after(off);

  const statuses = new Map<number, number>();
  await Promise.all(
    clients.map(async (client) => {
      for (const e of client.events) {
        const r = await push(url, client.token, e.kind, e.body);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status !== 200) assert.fail(`${e.kind || 'heartbeat'} answered ${r.status}: ${JSON.stringify(r.body)}`);
      }
    }),
  );
  assert.deepEqual([...statuses], [[200, 10_000]]);

  // Stored exactly once each.
  const expectRows = { A: [1590, 210, 200], B: [1600, 200, 200], C: [1600, 200, 200], D: [1960, 20, 20], E: [2000, 0, 0] } as const;
  for (const [code, [heartbeats, tasks, finished]] of Object.entries(expectRows)) {
    const counts = storedCounts(core.dataDir, byCode[code]!.id);
    assert.deepEqual(counts, { heartbeats, statuses: 0, tasks, finished, keys: 2000 }, `agent ${code}`);
  }

  // Replaying 100 events of the swarm: 409 each, nothing more stored.
  for (const client of clients.slice(0, 100 / 2)) {
    for (const e of client.events.slice(0, 2)) {
      const r = await push(url, client.token, e.kind, e.body);
      assert.equal(r.status, 409);
      assert.equal(r.body.error?.field, 'key');
    }
  }
  assert.deepEqual(storedCounts(core.dataDir, byCode.A!.id), { heartbeats: 1590, statuses: 0, tasks: 210, finished: 200, keys: 2000 });

  // Presence and trust, computed by hand from the plan (every event is seconds old, so the recency
  // weights are 1 to within 1e-5; heartbeats came milliseconds apart, so responsiveness is 1).
  const agents = Object.fromEntries((await call('listAgents', { projectId: project.id })).map((a) => [a.code, a]));
  assert.deepEqual(
    Object.fromEntries(Object.entries(agents).map(([c, a]) => [c, a.presence])),
    { A: 'ONLINE', B: 'IDLE', C: 'IDLE', D: 'IDLE', E: 'IDLE', F: 'OFFLINE' },
  );
  assert.equal(agents.A!.tasksInProgress, 10);
  assert.equal(agents.A!.currentTask?.title, 'Still running');
  const relAll = 202 / 204;
  const expected = {
    A: { reliability: relAll, consistency: 1, score: 100 * (0.6 * relAll + 0.2 + 0.2), level: 'HIGH', confidence: 200 / 210 },
    B: { reliability: 2 / 204, consistency: 1, score: 100 * (0.6 * (2 / 204) + 0.2 + 0.2), level: 'LOW', confidence: 200 / 210 },
    C: { reliability: relAll, consistency: 1 / 1.5, score: 100 * (0.6 * relAll + 0.2 / 1.5 + 0.2), level: 'HIGH', confidence: 200 / 210 },
    D: { reliability: 22 / 24, consistency: 1, score: 100 * (0.6 * (22 / 24) + 0.2 + 0.2), level: 'HIGH', confidence: 20 / 30 },
  };
  for (const [code, e] of Object.entries(expected)) {
    const trust = agents[code]!.trust;
    close(trust.factors.reliability.value, e.reliability, `${code} reliability`, 1e-3);
    close(trust.factors.consistency.value, e.consistency, `${code} consistency`, 1e-3);
    close(trust.factors.responsiveness.value, 1, `${code} responsiveness`, 1e-3);
    close(trust.score, e.score, `${code} score`, 0.1);
    close(trust.confidence, e.confidence, `${code} confidence`, 1e-3);
    assert.equal(trust.level, e.level, `${code} level`);
  }
  assert.equal(agents.E!.trust.score, null);
  assert.equal(agents.E!.trust.level, 'INSUFFICIENT_DATA');
  assert.equal(agents.F!.trust.level, 'INSUFFICIENT_DATA');
  assert.equal(agents.A!.last24h.success, 200);
  assert.equal(agents.B!.last24h.failure, 200);

  // The renderer learns all this from events, not by asking.
  core.agents.service.flush();
  const last = new Map(updates.map((a) => [a.code, a]));
  assert.equal(last.get('A')?.presence, 'ONLINE');
  assert.equal(last.get('A')?.trust.level, 'HIGH');
});

test('bad tokens, oversized bodies, wrong types, missing keys, replays, wrong paths: a clear error each and nothing stored', async (t) => {
  const { core, url, call } = await startAgentsCore({ maxBodyBytes: 4096 });
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'strict' });
  const [a, b] = await call('listAgents', { projectId: project.id });
  const { token } = await call('createAgentToken', { id: a!.id });
  const before = storedCounts(core.dataDir, a!.id);
  const nothingStored = (what: string) => assert.deepEqual(storedCounts(core.dataDir, a!.id), before, `${what}: nothing stored`);

  // Tokens.
  for (const bad of ['nope', '%E0%A4%A', `pht_${'x'.repeat(43)}`, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')]) {
    const r = await push(url, bad, '', {});
    assert.equal(r.status, 401, bad);
    assert.equal(r.body.error?.code, 'UNAUTHORIZED');
    assert.match(r.body.error!.message, /Unknown or revoked agent token/);
  }
  nothingStored('bad tokens');

  // Size: declared and streamed.
  const big = await push(url, token, 'status', { text: 'x'.repeat(5000) });
  assert.equal(big.status, 413);
  assert.match(big.body.error!.message, /larger than 4096 bytes; nothing was stored/);
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = http.request(new URL(`ping/${token}/status`, url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.write('{"text":"');
    req.write('y'.repeat(5000));
    req.end('"}');
  });
  assert.equal(chunked, 413);
  nothingStored('oversized bodies');

  // Types and fields: 400 with the field named.
  const cases: Array<[kind: 'status' | 'start' | 'finish' | '', body: unknown, field: string | undefined, message: RegExp]> = [
    ['finish', { taskId: 't1', outcome: 'success', durationMs: '12', key: 'k1' }, 'durationMs', /durationMs must be a number/],
    ['finish', { taskId: 't1', outcome: 'ok', durationMs: 12, key: 'k1' }, 'outcome', /outcome must be "success" or "failure"/],
    ['finish', { taskId: 't1', outcome: 'success', durationMs: 12, quality: 7, key: 'k1' }, 'quality', /quality must be from 0 to 1/],
    ['finish', { taskId: 't1', outcome: 'success', key: 'k1' }, 'durationMs', /durationMs is required: no task-started was recorded for taskId "t1"/],
    ['finish', { taskId: 't1', outcome: 'success', durationMs: 5 }, 'key', /key is required for task events/],
    ['start', { taskId: 7, title: 'x', key: 'k2' }, 'taskId', /taskId must be a string/],
    ['start', { taskId: 't', key: 'k2' }, 'title', /title is required/],
    ['status', { text: '' }, 'text', /text must not be empty/],
    ['status', { text: 'hi', mood: 'ok' }, 'mood', /unknown field "mood"/],
    ['', { key: 5 }, 'key', /key must be a string/],
    ['status', '[1,2]', undefined, /the body must be a JSON object \(got an array\)/],
    ['status', '{"text": ', undefined, /The body is not valid JSON/],
  ];
  for (const [kind, body, field, message] of cases) {
    const r = await push(url, token, kind, body);
    assert.equal(r.status, 400, `${kind} ${JSON.stringify(body)}`);
    assert.equal(r.body.error?.code, 'INVALID_INPUT');
    assert.equal(r.body.error?.field, field, `${kind} ${JSON.stringify(body)}: field`);
    assert.match(r.body.error!.message, message);
  }
  nothingStored('malformed payloads');

  // A replay of a stored event.
  const first = await push(url, token, 'start', { taskId: 'deploy-1', title: 'Deploy', key: 'evt-1' });
  assert.equal(first.status, 200);
  assert.deepEqual({ ...first.body, recordedAt: 0 }, { ok: true, agent: 'A', type: 'task-started', recordedAt: 0 });
  const stored = storedCounts(core.dataDir, a!.id);
  const replay = await push(url, token, 'start', { taskId: 'deploy-1', title: 'Deploy', key: 'evt-1' });
  assert.equal(replay.status, 409);
  assert.equal(replay.body.error?.code, 'DUPLICATE');
  assert.match(replay.body.error!.message, /key "evt-1" was already recorded for agent A at \d{4}-\d\d-\d\dT.*; nothing was stored again/);
  assert.deepEqual(storedCounts(core.dataDir, a!.id), stored);

  // Paths and methods.
  const unknown = await fetch(new URL(`ping/${token}/explode`, url), { method: 'POST' });
  assert.equal(unknown.status, 404);
  assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /Unknown endpoint \/ping\/<token>\/explode; use POST/);
  const getStatus = await fetch(new URL(`ping/${token}/status`, url));
  assert.equal(getStatus.status, 405);
  assert.equal(getStatus.headers.get('allow'), 'POST');
  await getStatus.arrayBuffer();

  // A retired agent's token stops working at once; the agent and its history stay.
  const other = await call('createAgentToken', { id: b!.id });
  assert.equal((await push(url, other.token, '', {})).status, 200);
  const retired = await call('retireAgent', { id: b!.id });
  assert.ok(retired.retiredAt !== null);
  assert.equal(retired.token, null);
  assert.equal((await push(url, other.token, '', {})).status, 401);
  assert.equal(storedCounts(core.dataDir, b!.id).heartbeats, 1, 'history kept');
  // A new token replaces the old one.
  const again = await call('createAgentToken', { id: a!.id });
  assert.equal((await push(url, token, '', {})).status, 401, 'the previous token is revoked');
  assert.equal((await push(url, again.token, '', {})).status, 200);
});

test('rate limiting: past the burst an agent gets 429 with Retry-After and nothing is stored; wrong tokens are slowed too', async (t) => {
  const { core, url, call } = await startAgentsCore({ rate: { perSecond: 0.01, burst: 5 }, badTokenRate: { perSecond: 0.01, burst: 3 } });
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'busy' });
  const [a] = await call('listAgents', { projectId: project.id });
  const { token } = await call('createAgentToken', { id: a!.id });
  for (let i = 0; i < 5; i++) assert.equal((await push(url, token, '', {})).status, 200);
  const limited = await push(url, token, '', {});
  assert.equal(limited.status, 429);
  assert.equal(limited.body.error?.code, 'RATE_LIMITED');
  assert.match(limited.body.error!.message, /Too many requests for agent A; retry after \d+ s/);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal(storedCounts(core.dataDir, a!.id).heartbeats, 5);

  const codes: number[] = [];
  for (let i = 0; i < 5; i++) codes.push((await push(url, `pht_${'z'.repeat(43)}`, '', {})).status);
  assert.deepEqual(codes, [401, 401, 401, 429, 429]);
});

test('the token is shown once: only its SHA-256 is in SQLite, the value only in the vault, nowhere in the data directory', async (t) => {
  const { core, secrets, url, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'secret' });
  const [a] = await call('listAgents', { projectId: project.id });
  const { token } = await call('createAgentToken', { id: a!.id });
  assert.equal((await push(url, token, 'status', { text: 'working on it' })).status, 200);
  assert.equal(secrets.size, 1, 'the token is in the vault');

  const files = fs.readdirSync(core.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  assert.ok(files.some((f) => f.name === 'photon.db-wal' || f.name === 'photon.db'));
  const haystack = Buffer.concat(files.map((f) => fs.readFileSync(path.join(f.parentPath, f.name))));
  assert.equal(haystack.indexOf(Buffer.from(token)), -1, 'token bytes must not be in the data directory');
  assert.equal(haystack.indexOf(Buffer.from(token.slice(4))), -1, 'nor its random part');
  assert.notEqual(haystack.indexOf(Buffer.from(hashPushToken(token))), -1, 'the hash is what is kept');

  // No contract method gives it back.
  const listed = JSON.stringify(await call('listAgents', { projectId: project.id }));
  assert.ok(!listed.includes(token));
});

test('without a keychain no token is created, the reason is given, and nothing is stored', async (t) => {
  const { core, secrets, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'no keychain' });
  const [a] = await call('listAgents', { projectId: project.id });
  secrets.unavailableReason = 'No OS keychain is reachable (test)';
  const env = await core.dispatch('createAgentToken', { id: a!.id });
  assert.deepEqual(env, { ok: false, error: { code: 'UNAVAILABLE', message: 'The push token was not created: No OS keychain is reachable (test)' } });
  assert.equal((await call('listAgents', { projectId: project.id }))[0]!.token, null);
  const missing = await core.dispatch('createAgentToken', { id: 999 });
  assert.deepEqual(missing, { ok: false, error: { code: 'NOT_FOUND', message: 'No agent with id 999', field: 'id' } });
});

test('removing a project removes its agents and deletes their push tokens and API keys from the vault', async (t) => {
  const { core, secrets, url, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const keep = await call('addProject', { name: 'keep' });
  const gone = await call('addProject', { name: 'gone' });
  const [k] = await call('listAgents', { projectId: keep.id });
  const [g] = await call('listAgents', { projectId: gone.id });
  const kept = await call('createAgentToken', { id: k!.id });
  const removedToken = await call('createAgentToken', { id: g!.id });
  await call('saveAgentPullSource', { projectId: gone.id, name: 'api', source: { kind: 'http', url: 'http://127.0.0.1:9/' }, apiKey: 'k-1' });
  assert.equal(secrets.size, 3);
  await call('removeProject', { id: gone.id });
  assert.equal(secrets.size, 1, 'only the kept project\'s token is left');
  assert.equal((await push(url, removedToken.token, '', {})).status, 401);
  assert.equal((await push(url, kept.token, '', {})).status, 200);
  assert.deepEqual((await call('listAgents', {})).map((a) => a.projectId).filter((p) => p === gone.id), []);
});
