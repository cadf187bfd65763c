import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import { migration } from '../../../main/store/migrations/004-agents.ts';
import { assertRejected, assertRowsKept, at, columns, indexInfo, seedThrough, upgradeTo } from './harness.ts';

const AGENT_TABLES = [
  'agent_event_keys', 'agent_presence_events', 'agent_project_settings', 'agent_pull_sources',
  'agent_signals', 'agent_state', 'agent_tasks', 'agents',
];

function addAgent(db: Database.Database, code: string, project = 'p-shop', tokenHash: string | null = null): number | bigint {
  return db
    .prepare("INSERT INTO agents (project_id, code, name, role, created_at, updated_at, token_hash) VALUES (?, ?, 'Reviewer', 'Reviews changes', ?, ?, ?)")
    .run(project, code, at(0), at(0), tokenHash).lastInsertRowid;
}

test('migration 4 (agents) keeps hosts, runbooks and monitoring data and adds the agent tables', (t) => {
  const { db, before, added } = upgradeTo(t, migration, (d) => seedThrough(d, 3));
  assertRowsKept(db, before);
  assert.equal(before['hosts']!.length, 1);
  assert.equal(before['runbook_runs']!.length, 1);
  assert.deepEqual(added.tables, AGENT_TABLES);
  assert.deepEqual(added.indexes, ['agent_presence_events_agent', 'agent_signals_agent', 'agent_tasks_agent', 'agent_tasks_finished']);
  assert.deepEqual(indexInfo(db, 'agent_signals', 'agent_signals_agent').columns, ['agent_id', 'kind', 'at']);
  assert.deepEqual(indexInfo(db, 'agent_tasks', 'agent_tasks_agent').columns, ['agent_id', 'task_id']);
  assert.deepEqual(indexInfo(db, 'agent_tasks', 'agent_tasks_finished').columns, ['agent_id', 'finished_at']);
  assert.deepEqual(indexInfo(db, 'agent_presence_events', 'agent_presence_events_agent').columns, ['agent_id', 'at']);
  assert.deepEqual(columns(db, 'agents'), [
    'id', 'project_id', 'code', 'name', 'role', 'capabilities', 'backed_by', 'retired_at', 'created_at', 'updated_at',
    'token_hash', 'token_ref', 'token_created_at',
  ]);
  assert.deepEqual(columns(db, 'agent_state'), ['agent_id', 'presence', 'presence_since', 'last_signal_at', 'last_heartbeat_at', 'status_text', 'status_at']);
  assert.deepEqual(columns(db, 'agent_tasks'), ['id', 'agent_id', 'task_id', 'title', 'started_at', 'finished_at', 'outcome', 'duration_ms', 'quality', 'source']);
  assert.deepEqual(columns(db, 'agent_project_settings'), ['project_id', 'heartbeat_seconds', 'stale_after_seconds', 'offline_after_seconds']);
  assert.deepEqual(columns(db, 'agent_pull_sources'), [
    'id', 'project_id', 'name', 'definition', 'api_key_ref', 'created_at', 'last_run_at', 'last_ok_at', 'last_error', 'last_imported',
  ]);

  const id = addAgent(db, 'B');
  assert.deepEqual(db.prepare('SELECT capabilities, backed_by, retired_at FROM agents WHERE id = ?').get(id), { capabilities: '[]', backed_by: '', retired_at: null });
  db.prepare("INSERT INTO agent_state (agent_id, presence, presence_since) VALUES (?, 'IDLE', ?)").run(id, at(1));
  db.prepare("INSERT INTO agent_signals (agent_id, at, kind, source) VALUES (?, ?, 'heartbeat', 'push')").run(id, at(1));
  db.prepare("INSERT INTO agent_tasks (agent_id, task_id, title, outcome, source) VALUES (?, 'T-1', 'Review PR', 'failure', 'pull')").run(id);
  db.prepare("INSERT INTO agent_event_keys (agent_id, key, at) VALUES (?, 'k-1', ?)").run(id, at(1));
  db.prepare("INSERT INTO agent_presence_events (agent_id, at, from_state, to_state, reason) VALUES (?, ?, 'ONLINE', 'IDLE', 'no task')").run(id, at(2));
  db.prepare("INSERT INTO agent_project_settings VALUES ('p-blog', 30, 120, 600)").run();
  db.prepare("INSERT INTO agent_pull_sources (project_id, name, definition, created_at) VALUES ('p-blog', 'registry', '{}', ?)").run(at(3));
  assert.equal(db.prepare('SELECT count(*) FROM agent_signals WHERE agent_id = ?').pluck().get(id), 1);
});

test('migration 4: codes are unique per project, token hashes unique, and CHECKs and foreign keys hold', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 3));
  const a = addAgent(db, 'A', 'p-shop', 'hash-1');
  addAgent(db, 'A', 'p-blog');
  assertRejected(() => addAgent(db, 'A', 'p-shop'), 'SQLITE_CONSTRAINT_UNIQUE', /agents\.project_id, agents\.code/);
  assertRejected(() => addAgent(db, 'C', 'p-blog', 'hash-1'), 'SQLITE_CONSTRAINT_UNIQUE', /agents\.token_hash/);
  assertRejected(() => addAgent(db, 'D', 'no-such-project'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(
    () => db.prepare("INSERT INTO agents (project_id, code, name, role, created_at, updated_at) VALUES (NULL, 'E', 'x', 'y', 1, 1)").run(),
    'SQLITE_CONSTRAINT_NOTNULL',
    /agents\.project_id/,
  );
  assertRejected(() => db.prepare("INSERT INTO agent_state (agent_id, presence, presence_since) VALUES (?, 'AWAY', 1)").run(a), 'SQLITE_CONSTRAINT_CHECK', /presence IN/);
  assertRejected(() => db.prepare("INSERT INTO agent_signals (agent_id, at, kind, source) VALUES (?, 1, 'ping', 'push')").run(a), 'SQLITE_CONSTRAINT_CHECK', /kind IN/);
  assertRejected(
    () => db.prepare("INSERT INTO agent_tasks (agent_id, task_id, title, outcome, source) VALUES (?, 'T', 't', 'partial', 'push')").run(a),
    'SQLITE_CONSTRAINT_CHECK',
    /outcome IN/,
  );
  assertRejected(() => db.prepare("INSERT INTO agent_signals (agent_id, at, kind, source) VALUES (999, 1, 'status', 'push')").run(), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  db.prepare("INSERT INTO agent_event_keys (agent_id, key, at) VALUES (?, 'k', 1)").run(a);
  assertRejected(() => db.prepare("INSERT INTO agent_event_keys (agent_id, key, at) VALUES (?, 'k', 2)").run(a), 'SQLITE_CONSTRAINT_PRIMARYKEY', /agent_event_keys/);
});

test('migration 4: removing a project takes its agents and all their history with it', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 3));
  const a = addAgent(db, 'A', 'p-blog');
  db.prepare("INSERT INTO agent_state (agent_id, presence, presence_since) VALUES (?, 'ONLINE', 1)").run(a);
  db.prepare("INSERT INTO agent_signals (agent_id, at, kind, source) VALUES (?, 1, 'status', 'push')").run(a);
  db.prepare("INSERT INTO agent_tasks (agent_id, task_id, title, source) VALUES (?, 'T', 't', 'push')").run(a);
  db.prepare("INSERT INTO agent_event_keys (agent_id, key, at) VALUES (?, 'k', 1)").run(a);
  db.prepare("INSERT INTO agent_presence_events (agent_id, at, from_state, to_state, reason) VALUES (?, 1, 'OFFLINE', 'ONLINE', 'x')").run(a);
  db.prepare("INSERT INTO agent_project_settings VALUES ('p-blog', 30, 120, 600)").run();
  db.prepare("INSERT INTO agent_pull_sources (project_id, name, definition, created_at) VALUES ('p-blog', 'registry', '{}', 1)").run();
  db.prepare("DELETE FROM projects WHERE id = 'p-blog'").run();
  for (const table of AGENT_TABLES) assert.equal(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, `${table} emptied with the project`);
});
