import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { closeServer, endlessAnswerServer, listen } from '../helpers/loopback-servers.ts';
import { sshdForTestFile } from '../helpers/sshd.ts';
import { startAgentsCore, storedCounts } from './agents-harness.ts';

const run = promisify(execFile);
const files = sshdForTestFile('photon-agent-pull-');
const { tmp } = files;

const API_KEY = 'remote-registry-key-4d1f9';

test('pull from a loopback JSON endpoint: API key from the vault, valid rows stored once, bad rows named, a refused key reported', async (t) => {
  const now = Date.now();
  let lastAuth: string | undefined;
  const events = [
    { agent: 'A', type: 'heartbeat', at: now - 60_000 },
    { agent: 'A', type: 'heartbeat', at: now - 30_000 },
    { agent: 'A', type: 'task-started', at: now - 20_000, taskId: 'build-7', title: 'Build 7' },
    { agent: 'A', type: 'task-finished', at: now - 10_000, taskId: 'build-7', outcome: 'success', durationMs: 10_000, key: 'build-7-done' },
    { agent: 'B', type: 'status', at: now - 5_000, text: 'reviewing the schema' },
    { agent: 'Z', type: 'heartbeat', at: now - 5_000 },
    { agent: 'B', type: 'task-finished', at: now, taskId: 'x', outcome: 'success', durationMs: 'long', key: 'x1' },
  ];
  const server = http.createServer((req, res) => {
    lastAuth = req.headers.authorization;
    if (req.headers.authorization !== `Bearer ${API_KEY}`) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ events }));
  });
  const port = await listen(server);
  t.after(() => closeServer(server));

  const { core, secrets, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'pulled' });
  const [a, b] = await call('listAgents', { projectId: project.id });
  const source = await call('saveAgentPullSource', {
    projectId: project.id,
    name: 'registry api',
    source: { kind: 'http', url: `http://127.0.0.1:${port}/agents/events` },
    apiKey: API_KEY,
  });
  assert.equal(source.hasApiKey, true);
  assert.equal(secrets.size, 1);
  assert.ok(!JSON.stringify(await call('listAgentPullSources', {})).includes(API_KEY), 'the key is never returned');

  await core.agents.pull.runDue();
  const after1 = (await call('listAgentPullSources', { projectId: project.id }))[0]!;
  assert.equal(lastAuth, `Bearer ${API_KEY}`);
  assert.equal(after1.lastImported, 5);
  assert.match(after1.lastError ?? '', /^2 of 7 rows skipped — row 6: no agent with code "Z" in this project; row 7: durationMs must be a number/);
  assert.ok(after1.lastRunAt !== null && after1.lastOkAt !== null);
  assert.deepEqual(storedCounts(core.dataDir, a!.id), { heartbeats: 2, statuses: 0, tasks: 1, finished: 1, keys: 4 });
  assert.deepEqual(storedCounts(core.dataDir, b!.id), { heartbeats: 0, statuses: 1, tasks: 0, finished: 0, keys: 1 });
  const agentA = (await call('listAgents', { projectId: project.id })).find((x) => x.code === 'A')!;
  assert.equal(agentA.last24h.success, 1);
  assert.equal(agentA.presence, 'IDLE');
  const agentB = (await call('listAgents', { projectId: project.id })).find((x) => x.code === 'B')!;
  assert.equal(agentB.status?.text, 'reviewing the schema');

  // Pulling the same rows again stores nothing: rows without a key get one from their content.
  const again = await core.agents.pull.run(core.agents.pullSources.require(source.id));
  assert.deepEqual({ imported: again.imported, duplicates: again.duplicates }, { imported: 0, duplicates: 5 });
  assert.deepEqual(storedCounts(core.dataDir, a!.id), { heartbeats: 2, statuses: 0, tasks: 1, finished: 1, keys: 4 });

  // A wrong key: the whole pull fails, says why, and the loop pass reports the failing source.
  await call('saveAgentPullSource', { id: source.id, projectId: project.id, name: 'registry api', source: { kind: 'http', url: `http://127.0.0.1:${port}/agents/events` }, apiKey: 'wrong' });
  assert.equal(secrets.size, 1, 'the key was replaced, not added');
  await assert.rejects(core.agents.pull.runDue(), /1 pull source failed — registry api: GET http:\/\/127\.0\.0\.1:\d+\/agents\/events: HTTP 401 — the API key was refused/);
  const failed = (await call('listAgentPullSources', { projectId: project.id }))[0]!;
  assert.match(failed.lastError ?? '', /HTTP 401/);
  assert.ok(!fs.readFileSync(path.join(core.dataDir, 'photon.db-wal')).includes(API_KEY), 'the key is not in the database');

  await call('removeAgentPullSource', { id: source.id });
  assert.equal(secrets.size, 0, 'removing the source removes its key from the vault');
  assert.ok(core.loops.list().some((l) => l.name === 'agents.pull'));
});

/** The reference system's registry, roughly: agent_sessions plus finished tasks, times as text. */
async function makeRegistry(): Promise<string> {
  const file = path.join(tmp.dir, 'registry.db');
  const sql = [
    'CREATE TABLE agent_sessions (agent_letter TEXT, status TEXT, last_heartbeat TEXT);',
    "INSERT INTO agent_sessions VALUES ('A', 'ONLINE', strftime('%Y-%m-%d %H:%M:%S', 'now', '-30 seconds')), ('C', 'ONLINE', strftime('%Y-%m-%d %H:%M:%S', 'now', '-60 seconds'));",
    'CREATE TABLE task_log (agent TEXT, task_id TEXT, result TEXT, duration_ms INTEGER, finished TEXT);',
    "INSERT INTO task_log VALUES ('A', 't-1', 'success', 1200, strftime('%Y-%m-%d %H:%M:%S', 'now', '-20 seconds')), ('A', 't-2', 'failure', 800, strftime('%Y-%m-%d %H:%M:%S', 'now', '-10 seconds'));",
  ].join('\n');
  await run('sqlite3', ['-batch', file, sql]);
  return file;
}

const REGISTRY_QUERY = `
SELECT agent_letter AS agent, 'heartbeat' AS type, CAST(strftime('%s', last_heartbeat) AS INTEGER) * 1000 AS at,
       NULL AS taskId, NULL AS outcome, NULL AS durationMs
  FROM agent_sessions
UNION ALL
SELECT agent, 'task-finished', CAST(strftime('%s', finished) AS INTEGER) * 1000, task_id, result, duration_ms
  FROM task_log`;

test('pull over SSH from a SQLite registry with a configurable query; a bad query is reported clearly', { timeout: 60_000 }, async (t) => {
  const file = await makeRegistry();
  const { core, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'registry' });
  const agents = await call('listAgents', { projectId: project.id });
  const byCode = Object.fromEntries(agents.map((a) => [a.code, a]));
  const ssh = { kind: 'sqlite-ssh' as const, host: files.sshd.host, port: files.sshd.port, user: files.sshd.user, hostKey: files.sshd.hostKeyFingerprint, privateKeyPath: files.sshd.clientKeyPath, file };
  const source = await call('saveAgentPullSource', { projectId: project.id, name: 'central registry', source: { ...ssh, query: REGISTRY_QUERY } });
  assert.equal(source.target, `root@127.0.0.1:${files.sshd.port} ${file}`);

  await core.agents.pull.runDue();
  const ok = (await call('listAgentPullSources', { projectId: project.id }))[0]!;
  assert.equal(ok.lastError, null);
  assert.equal(ok.lastImported, 4);
  assert.deepEqual(storedCounts(core.dataDir, byCode.A!.id), { heartbeats: 1, statuses: 0, tasks: 2, finished: 2, keys: 3 });
  assert.deepEqual(storedCounts(core.dataDir, byCode.C!.id), { heartbeats: 1, statuses: 0, tasks: 0, finished: 0, keys: 1 });
  const history = await call('getAgentHistory', { id: byCode.A!.id, range: '24h' });
  assert.deepEqual(
    history.tasks.map((x) => [x.taskId, x.outcome, x.durationMs]),
    [
      ['t-1', 'success', 1200],
      ['t-2', 'failure', 800],
    ],
  );
  const again = await core.agents.pull.run(core.agents.pullSources.require(source.id));
  assert.equal(again.imported, 0, 'the same rows are not stored twice');

  // A typo in the query: the pull fails with sqlite3's own words, and nothing is stored.
  await call('saveAgentPullSource', { id: source.id, projectId: project.id, name: 'central registry', source: { ...ssh, query: 'SELEC agent FROM agent_sessions' } });
  await assert.rejects(core.agents.pull.runDue(), /central registry: The query failed on 127\.0\.0\.1:.*registry\.db: .*near "SELEC": syntax error/);
  await call('saveAgentPullSource', { id: source.id, projectId: project.id, name: 'central registry', source: { ...ssh, query: 'SELECT * FROM agent_session' } });
  await assert.rejects(core.agents.pull.runDue(), /no such table: agent_session/);
  // Rows of the wrong shape name the column.
  await call('saveAgentPullSource', { id: source.id, projectId: project.id, name: 'central registry', source: { ...ssh, query: 'SELECT agent_letter AS agent, status AS type, 1 AS at FROM agent_sessions' } });
  await assert.rejects(core.agents.pull.runDue(), /row 1: type must be one of heartbeat, status, task-started, task-finished/);
  // A wrong pinned host key is refused before anything is sent.
  await call('saveAgentPullSource', { id: source.id, projectId: project.id, name: 'central registry', source: { ...ssh, hostKey: files.sshd.rsaHostKeyFingerprint, query: REGISTRY_QUERY } });
  await assert.rejects(core.agents.pull.runDue(), /central registry: SSH root@127\.0\.0\.1:\d+: .*host key/i);
  assert.deepEqual(storedCounts(core.dataDir, byCode.A!.id), { heartbeats: 1, statuses: 0, tasks: 2, finished: 2, keys: 3 });
});

test('a pull URL never shows its query string, an unreachable source names only origin and path, and an endless answer is cut at the limit', { timeout: 30_000 }, async (t) => {
  const server = endlessAnswerServer('application/json');
  const port = await listen(server);
  t.after(() => {
    server.closeAllConnections();
    return closeServer(server);
  });
  const free = http.createServer();
  const closedPort = await listen(free);
  await closeServer(free);

  const { core, call } = await startAgentsCore();
  t.after(() => core.dispose());
  const project = await call('addProject', { name: 'secrets in urls' });
  const refused = await core.dispatch('saveAgentPullSource', { projectId: project.id, name: 'creds', source: { kind: 'http', url: `http://ops:hunter2@127.0.0.1:${port}/events` } });
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.error.message : '', /url must not contain a user name or password/);

  const gone = await call('saveAgentPullSource', { projectId: project.id, name: 'gone', source: { kind: 'http', url: `http://127.0.0.1:${closedPort}/events?key=Q-SECRET-1` } });
  assert.equal(gone.target, `http://127.0.0.1:${closedPort}/events`, 'no query string in what the renderer sees');
  const huge = await call('saveAgentPullSource', { projectId: project.id, name: 'huge', source: { kind: 'http', url: `http://127.0.0.1:${port}/events?key=Q-SECRET-2` } });
  const started = Date.now();
  await assert.rejects(core.agents.pull.runDue());
  assert.ok(Date.now() - started < 8_000, 'the endless answer was cut at the size limit, not at the timeout');

  const sources = await call('listAgentPullSources', { projectId: project.id });
  const byName = new Map(sources.map((s) => [s.name, s] as const));
  assert.equal(byName.get('gone')!.lastError, `GET http://127.0.0.1:${closedPort}/events failed: ECONNREFUSED`);
  assert.equal(byName.get('huge')!.lastError, `GET http://127.0.0.1:${port}/events: the answer is more than 1048576 bytes`);
  assert.equal(huge.target.includes('Q-SECRET'), false);
  assert.equal(JSON.stringify(sources).includes('Q-SECRET'), false, 'the query never reaches an answer');
});
