import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migration } from '../../../main/store/migrations/002-monitoring.ts';
import { assertRejected, assertRowsKept, at, columns, indexInfo, seedThrough, upgradeTo } from './harness.ts';

const ROLLUPS = ['rollup_day', 'rollup_hour', 'rollup_minute'];

test('migration 2 (monitoring) keeps the projects and adds monitors, state, results, incidents and rollups', (t) => {
  const { db, before, added } = upgradeTo(t, migration, (d) => seedThrough(d, 1));
  assertRowsKept(db, before);
  assert.deepEqual(Object.keys(before), ['projects']);
  assert.deepEqual(added.tables, ['incidents', 'monitor_events', 'monitor_state', 'monitors', 'project_environment', 'result_blocks', 'result_messages', ...ROLLUPS].sort());
  assert.deepEqual(added.indexes, ['incidents_monitor', 'monitor_events_monitor', 'monitors_project']);
  assert.deepEqual(indexInfo(db, 'monitors', 'monitors_project'), { unique: false, columns: ['project_id'] });
  assert.deepEqual(indexInfo(db, 'incidents', 'incidents_monitor'), { unique: false, columns: ['monitor_id', 'opened_at'] });
  assert.deepEqual(indexInfo(db, 'monitor_events', 'monitor_events_monitor'), { unique: false, columns: ['monitor_id', 'at'] });
  assert.deepEqual(columns(db, 'monitors'), ['id', 'project_id', 'parent_id', 'definition', 'source_file', 'source_line', 'paused', 'created_at', 'updated_at']);
  assert.deepEqual(columns(db, 'monitor_state'), [
    'monitor_id', 'status', 'health', 'since', 'failures', 'successes', 'blocked_by', 'failing_since', 'reason',
    'last_at', 'last_outcome', 'last_latency', 'last_metric', 'last_evidence', 'last_good_at',
  ]);
  for (const table of ['result_blocks', ...ROLLUPS]) assert.deepEqual(columns(db, table), ['monitor_id', 'block', 'data'], table);

  // A monitor of an existing project, with its state, a result block, an incident and its event.
  const { lastInsertRowid: id } = db
    .prepare("INSERT INTO monitors (project_id, definition, created_at, updated_at) VALUES ('p-shop', '{\"type\":\"http\"}', ?, ?)")
    .run(at(0), at(0));
  assert.equal(db.prepare('SELECT paused FROM monitors WHERE id = ?').pluck().get(id), 0, 'paused defaults to 0');
  db.prepare("INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, reason) VALUES (?, 'DOWN', 'down', ?, 2, 0, 'HTTP 503')").run(id, at(1));
  db.prepare('INSERT INTO result_blocks (monitor_id, block, data) VALUES (?, 1, ?)').run(id, Buffer.from([1, 2, 3]));
  const incident = db.prepare("INSERT INTO incidents (monitor_id, opened_at, cause) VALUES (?, ?, 'HTTP 503')").run(id, at(1)).lastInsertRowid;
  db.prepare("INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (?, ?, ?, 'UP', 'DOWN', 'HTTP 503')").run(id, incident, at(1));
  for (const table of ROLLUPS) db.prepare(`INSERT INTO ${table} (monitor_id, block, data) VALUES (?, 1, ?)`).run(id, Buffer.from(table));
  assert.deepEqual(db.prepare('SELECT data FROM rollup_day WHERE monitor_id = ?').pluck().get(id), Buffer.from('rollup_day'));
});

test('migration 2: CHECKs, foreign keys and primary keys of the monitoring tables reject bad rows', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 1));
  const monitor = db.prepare('INSERT INTO monitors (project_id, parent_id, definition, paused, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)');
  assertRejected(() => monitor.run('p-shop', null, '{}', 2), 'SQLITE_CONSTRAINT_CHECK', /paused IN \(0, 1\)/);
  assertRejected(() => monitor.run('no-such-project', null, '{}', 0), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => monitor.run('p-shop', 999, '{}', 0), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => monitor.run('p-shop', null, null, 0), 'SQLITE_CONSTRAINT_NOTNULL', /monitors\.definition/);
  const id = monitor.run('p-shop', null, '{}', 0).lastInsertRowid;

  const state = db.prepare("INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, reason, last_outcome) VALUES (?, ?, ?, 1, 0, 0, 'x', ?)");
  assertRejected(() => state.run(id, 'BROKEN', 'up', null), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  assertRejected(() => state.run(id, 'UP', 'degraded', null), 'SQLITE_CONSTRAINT_CHECK', /health IN/);
  assertRejected(() => state.run(id, 'UP', 'up', 'fine'), 'SQLITE_CONSTRAINT_CHECK', /last_outcome IN/);
  assertRejected(() => state.run(999, 'UP', 'up', null), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  state.run(id, 'MAINTENANCE', 'pending', 'unknown');

  db.prepare('INSERT INTO result_messages (monitor_id, at, message) VALUES (?, 1, ?)').run(id, 'timeout');
  assertRejected(() => db.prepare('INSERT INTO result_messages (monitor_id, at, message) VALUES (?, 1, ?)').run(id, 'again'), 'SQLITE_CONSTRAINT_PRIMARYKEY', /result_messages/);
  db.prepare('INSERT INTO rollup_minute (monitor_id, block, data) VALUES (?, 5, ?)').run(id, Buffer.from([0]));
  assertRejected(() => db.prepare('INSERT INTO rollup_minute (monitor_id, block, data) VALUES (?, 5, ?)').run(id, Buffer.from([1])), 'SQLITE_CONSTRAINT_PRIMARYKEY', /rollup_minute/);
  assert.throws(() => db.prepare('SELECT rowid FROM result_blocks').all(), /no such column: rowid/, 'result_blocks is WITHOUT ROWID');
  assertRejected(() => db.prepare("INSERT INTO incidents (monitor_id, opened_at, cause) VALUES (999, 1, 'x')").run(), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => db.prepare("INSERT INTO project_environment (project_id, declared) VALUES ('nope', 'production')").run(), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
});

test('migration 2: deletes cascade from projects and monitors; a monitor id is never reused', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 1));
  const monitor = db.prepare("INSERT INTO monitors (project_id, parent_id, definition, created_at, updated_at) VALUES ('p-blog', ?, '{}', 1, 1)");
  const parent = monitor.run(null).lastInsertRowid;
  const child = monitor.run(parent).lastInsertRowid;
  db.prepare("INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, reason) VALUES (?, 'UP', 'up', 1, 0, 1, 'ok')").run(parent);
  const incident = db.prepare("INSERT INTO incidents (monitor_id, opened_at, cause) VALUES (?, 1, 'down')").run(child).lastInsertRowid;
  db.prepare("INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (?, ?, 1, 'UP', 'DOWN', 'x')").run(parent, incident);

  db.prepare('DELETE FROM monitors WHERE id = ?').run(parent);
  assert.equal(db.prepare('SELECT parent_id FROM monitors WHERE id = ?').pluck().get(child), null, 'parent_id ON DELETE SET NULL');
  assert.equal(db.prepare('SELECT count(*) FROM monitor_state').pluck().get(), 0, 'state cascades with its monitor');
  assert.equal(db.prepare('SELECT count(*) FROM monitor_events').pluck().get(), 0, 'events cascade with their monitor');

  db.prepare("INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (?, ?, 2, 'DOWN', 'UP', 'x')").run(child, incident);
  db.prepare('DELETE FROM incidents WHERE id = ?').run(incident);
  assert.equal(db.prepare('SELECT incident_id FROM monitor_events').pluck().get(), null, 'incident_id ON DELETE SET NULL');

  db.prepare("INSERT INTO project_environment (project_id, declared) VALUES ('p-blog', 'staging')").run();
  db.prepare("DELETE FROM projects WHERE id = 'p-blog'").run();
  for (const table of ['monitors', 'monitor_events', 'project_environment']) {
    assert.equal(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), 0, `${table} cascades with the project`);
  }
  const next = db.prepare("INSERT INTO monitors (project_id, definition, created_at, updated_at) VALUES ('p-shop', '{}', 1, 1)").run().lastInsertRowid;
  assert.ok(Number(next) > Number(child), 'AUTOINCREMENT: a deleted monitor id is not handed out again');
});
