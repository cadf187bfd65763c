import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migration } from '../../../main/store/migrations/003-hosts-and-recovery.ts';
import { assertRejected, assertRowsKept, at, columns, indexInfo, seedThrough, upgradeTo } from './harness.ts';

const HOST = `INSERT INTO hosts (name, project_id, address, port, user, auth, key_path, secret_ref, sudo, services, source, created_at, updated_at)
              VALUES (@name, @project, '10.0.0.21', 22, 'deploy', @auth, NULL, @secret, @sudo, '["nginx"]', 'ui', 1, 1)`;
const host = (over: Partial<{ name: string; project: string | null; auth: string; secret: string | null; sudo: number }> = {}) => ({
  name: 'shop-web-2',
  project: 'p-shop',
  auth: 'agent',
  secret: null,
  sudo: 0,
  ...over,
});
const RUN = `INSERT INTO runbook_runs (host_id, host_name, runbook_id, runbook_name, trigger, params, commands, status, started_at, recovered)
             VALUES (@host, 'shop-web-2', 'restart-nginx', 'Restart nginx', @trigger, '{}', '[]', @status, 1, @recovered)`;
const run = (over: Partial<{ host: number | bigint | null; trigger: string; status: string; recovered: number | null }> = {}) => ({
  host: null,
  trigger: 'cli',
  status: 'running',
  recovered: null,
  ...over,
});

test('migration 3 (hosts-and-recovery) keeps the monitoring data and adds secrets, hosts, runbooks and the run log', (t) => {
  const { db, before, added } = upgradeTo(t, migration, (d) => seedThrough(d, 2));
  assertRowsKept(db, before);
  assert.equal(before['monitors']!.length, 2);
  assert.equal(before['incidents']!.length, 1);
  assert.deepEqual(added.tables, ['hosts', 'runbook_runs', 'runbooks', 'secrets']);
  assert.deepEqual(added.indexes, ['hosts_address', 'hosts_name_nocase', 'runbook_runs_host']);
  assert.deepEqual(indexInfo(db, 'hosts', 'hosts_name_nocase'), { unique: true, columns: ['name'] });
  assert.deepEqual(indexInfo(db, 'hosts', 'hosts_address'), { unique: false, columns: ['address', 'port'] });
  assert.deepEqual(indexInfo(db, 'runbook_runs', 'runbook_runs_host'), { unique: false, columns: ['host_id', 'started_at'] });
  assert.deepEqual(columns(db, 'secrets'), ['ref', 'kind', 'label', 'created_at', 'updated_at']);
  assert.deepEqual(columns(db, 'hosts'), [
    'id', 'name', 'project_id', 'address', 'port', 'user', 'auth', 'key_path', 'secret_ref', 'sudo', 'services', 'cloud',
    'pin', 'pin_key_type', 'pinned_at', 'source', 'created_at', 'updated_at',
  ]);
  assert.deepEqual(columns(db, 'runbooks'), ['id', 'host_id', 'name', 'definition', 'source', 'last_scheduled_at', 'created_at', 'updated_at']);
  assert.deepEqual(columns(db, 'runbook_runs'), [
    'id', 'host_id', 'host_name', 'runbook_id', 'runbook_name', 'trigger', 'params', 'commands', 'status', 'started_at',
    'finished_at', 'exit_code', 'output', 'output_bytes', 'output_sha256', 'recovered', 'verification', 'error',
  ]);

  db.prepare("INSERT INTO secrets (ref, kind, label, created_at, updated_at) VALUES ('secret:host-2-key', 'ssh-passphrase', 'deploy key', ?, ?)").run(at(0), at(0));
  const id = db.prepare(HOST).run(host({ auth: 'key', secret: 'secret:host-2-key', sudo: 1 })).lastInsertRowid;
  db.prepare("INSERT INTO runbooks (host_id, name, definition, source, created_at, updated_at) VALUES (?, 'Restart nginx', '{}', 'photon.yml', 1, 1)").run(id);
  const runId = db.prepare(RUN).run(run({ host: id })).lastInsertRowid;
  assert.deepEqual(db.prepare('SELECT output, output_bytes, finished_at FROM runbook_runs WHERE id = ?').get(runId), { output: '', output_bytes: 0, finished_at: null });
});

test('migration 3: CHECKs, unique names and foreign keys of hosts and runs reject bad rows', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 2));
  const insertHost = db.prepare(HOST);
  assertRejected(() => insertHost.run(host({ auth: 'token' })), 'SQLITE_CONSTRAINT_CHECK', /auth IN/);
  assertRejected(() => insertHost.run(host({ sudo: 2 })), 'SQLITE_CONSTRAINT_CHECK', /sudo IN/);
  assertRejected(() => insertHost.run(host({ secret: 'secret:not-in-the-list' })), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => insertHost.run(host({ project: 'no-such-project' })), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  insertHost.run(host());
  assertRejected(() => insertHost.run(host({ name: 'SHOP-WEB-2' })), 'SQLITE_CONSTRAINT_UNIQUE', /hosts\.name/);

  const insertRun = db.prepare(RUN);
  assertRejected(() => insertRun.run(run({ trigger: 'cron' })), 'SQLITE_CONSTRAINT_CHECK', /trigger IN/);
  assertRejected(() => insertRun.run(run({ status: 'ok' })), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  assertRejected(() => insertRun.run(run({ recovered: 2 })), 'SQLITE_CONSTRAINT_CHECK', /recovered IN/);
  assertRejected(() => insertRun.run(run({ host: 999 })), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  for (const status of ['running', 'succeeded', 'failed', 'cancelled', 'timed-out']) insertRun.run(run({ status, trigger: 'schedule' }));
  assertRejected(
    () => db.prepare("INSERT INTO runbooks (host_id, name, definition, source, created_at, updated_at) VALUES (999, 'x', '{}', 'ui', 1, 1)").run(),
    'SQLITE_CONSTRAINT_FOREIGNKEY',
    /FOREIGN KEY/,
  );
});

test('migration 3: removing a host drops its runbooks but keeps its audit log; removing a project keeps its hosts', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 2));
  const id = db.prepare(HOST).run(host()).lastInsertRowid;
  db.prepare("INSERT INTO runbooks (host_id, name, definition, source, created_at, updated_at) VALUES (?, 'Restart nginx', '{}', 'ui', 1, 1)").run(id);
  db.prepare(RUN).run(run({ host: id, status: 'succeeded' }));

  db.prepare("DELETE FROM projects WHERE id = 'p-shop'").run();
  assert.equal(db.prepare('SELECT project_id FROM hosts WHERE id = ?').pluck().get(id), null, 'hosts.project_id ON DELETE SET NULL');

  db.prepare('DELETE FROM hosts WHERE id = ?').run(id);
  assert.equal(db.prepare('SELECT count(*) FROM runbooks').pluck().get(), 0, 'runbooks cascade with their host');
  assert.deepEqual(db.prepare('SELECT host_id, host_name, status FROM runbook_runs').all(), [{ host_id: null, host_name: 'shop-web-2', status: 'succeeded' }]);
});
