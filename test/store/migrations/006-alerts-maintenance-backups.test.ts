import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migration } from '../../../main/store/migrations/006-alerts-maintenance-backups.ts';
import { assertRejected, assertRowsKept, at, columns, indexInfo, seedThrough, upgradeTo } from './harness.ts';

const TABLES = [
  'alert_channels', 'alert_deliveries', 'alert_policy', 'alerts', 'backup_alert_state', 'backup_config', 'db_backups',
  'delivery_attempts', 'flapping_monitors', 'incident_alerts', 'maintenance_windows', 'remote_backup_targets', 'remote_backups',
];

test('migration 6 (alerts-maintenance-backups) keeps everything older and adds the alert, maintenance and backup tables', (t) => {
  const { db, before, added } = upgradeTo(t, migration, (d) => seedThrough(d, 5));
  assertRowsKept(db, before);
  assert.equal(before['assessments']!.length, 1);
  assert.equal(before['project_scorecard']!.length, 1);
  assert.deepEqual(added.tables, TABLES);
  assert.deepEqual(added.indexes, [
    'alert_channels_name', 'alert_deliveries_due', 'alerts_created', 'alerts_incident', 'delivery_attempts_delivery', 'remote_backup_targets_name', 'remote_backups_target',
  ]);
  assert.deepEqual(indexInfo(db, 'alert_channels', 'alert_channels_name'), { unique: true, columns: ['name'] });
  assert.deepEqual(indexInfo(db, 'remote_backup_targets', 'remote_backup_targets_name'), { unique: true, columns: ['name'] });
  assert.deepEqual(indexInfo(db, 'alert_deliveries', 'alert_deliveries_due'), { unique: false, columns: ['status', 'next_attempt_at'] });
  assert.deepEqual(indexInfo(db, 'remote_backups', 'remote_backups_target'), { unique: false, columns: ['target_id', 'started_at'] });
  assert.deepEqual(columns(db, 'alert_channels'), ['id', 'name', 'kind', 'secret_ref', 'enabled', 'created_at', 'updated_at']);
  assert.deepEqual(columns(db, 'alerts'), ['id', 'incident_id', 'monitor_id', 'monitor_name', 'kind', 'state', 'title', 'message', 'note', 'created_at']);
  assert.deepEqual(columns(db, 'alert_deliveries'), ['id', 'alert_id', 'channel_id', 'status', 'attempts', 'next_attempt_at', 'last_error', 'created_at', 'delivered_at']);
  assert.deepEqual(columns(db, 'maintenance_windows'), ['id', 'name', 'monitor_id', 'scope', 'schedule', 'created_at']);
  assert.deepEqual(columns(db, 'db_backups'), ['id', 'file', 'trigger', 'started_at', 'duration_ms', 'size_bytes', 'sha256', 'status', 'verification', 'error', 'removed_at']);
  assert.deepEqual(columns(db, 'remote_backups'), ['id', 'target_id', 'file', 'started_at', 'duration_ms', 'size_bytes', 'sha256', 'status', 'error', 'removed_at']);
});

test('migration 6 seeds the alert policy past the incidents that already exist, and the default backup schedule', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 5));
  // Incident 7 predates alerting: the cursor starts after it, so an upgrade does not alert on history.
  assert.deepEqual(db.prepare('SELECT * FROM alert_policy').all(), [{ id: 1, reminder_minutes: 60, flap_window_minutes: 30, flap_threshold: 3, last_incident_id: 7 }]);
  assert.deepEqual(db.prepare('SELECT * FROM backup_config').all(), [{ id: 1, enabled: 1, every_hours: 24, keep_daily: 7, keep_weekly: 4 }]);
  assertRejected(() => db.prepare('INSERT INTO alert_policy VALUES (2, 60, 30, 3, 0)').run(), 'SQLITE_CONSTRAINT_CHECK', /id = 1/);
  assertRejected(() => db.prepare('INSERT INTO backup_config VALUES (2, 1, 24, 7, 4)').run(), 'SQLITE_CONSTRAINT_CHECK', /id = 1/);
  assertRejected(() => db.prepare('UPDATE backup_config SET enabled = 2').run(), 'SQLITE_CONSTRAINT_CHECK', /enabled IN/);
});

test('migration 6 on a store that never had an incident starts the alert cursor at 0', (t) => {
  const { db, before } = upgradeTo(t, migration, (d) => seedThrough(d, 1));
  assertRowsKept(db, before);
  assert.equal(db.prepare('SELECT last_incident_id FROM alert_policy').pluck().get(), 0);
});

test('migration 6: a channel holds a keychain reference, never a URL; alert CHECKs hold', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 5));
  const channel = db.prepare('INSERT INTO alert_channels (name, kind, secret_ref, created_at, updated_at) VALUES (?, ?, ?, 1, 1)');
  assertRejected(() => channel.run('ops', 'slack', 'https://hooks.slack.com/services/T000/B000/XXXX'), 'SQLITE_CONSTRAINT_CHECK', /secret_ref/);
  assertRejected(() => channel.run('ops', 'email', null), 'SQLITE_CONSTRAINT_CHECK', /kind IN/);
  const ops = channel.run('ops', 'slack', 'secret:alert-channel-1').lastInsertRowid;
  channel.run('desk', 'desktop', null);
  assertRejected(() => channel.run('OPS', 'ntfy', 'secret:alert-channel-3'), 'SQLITE_CONSTRAINT_UNIQUE', /alert_channels\.name/);
  assert.equal(db.prepare('SELECT enabled FROM alert_channels WHERE id = ?').pluck().get(ops), 1);
  assertRejected(() => db.prepare('UPDATE alert_channels SET enabled = 3 WHERE id = ?').run(ops), 'SQLITE_CONSTRAINT_CHECK', /enabled IN/);

  const alert = db.prepare("INSERT INTO alerts (incident_id, monitor_id, monitor_name, kind, state, title, message, created_at) VALUES (7, 1, 'shop.example.com', ?, ?, 'Shop down', 'HTTP 503', ?)");
  assertRejected(() => alert.run('closed', 'queued', at(0)), 'SQLITE_CONSTRAINT_CHECK', /kind IN/);
  assertRejected(() => alert.run('open', 'sent', at(0)), 'SQLITE_CONSTRAINT_CHECK', /state IN/);
  const a = alert.run('open', 'queued', at(0)).lastInsertRowid;
  assert.equal(db.prepare('SELECT note FROM alerts WHERE id = ?').pluck().get(a), '');

  const incidentAlert = db.prepare('INSERT INTO incident_alerts (incident_id, monitor_id, disposition) VALUES (?, 1, ?)');
  assertRejected(() => incidentAlert.run(7, 'ignored'), 'SQLITE_CONSTRAINT_CHECK', /disposition IN/);
  incidentAlert.run(7, 'alerted');
  assert.equal(db.prepare('SELECT resolved FROM incident_alerts WHERE incident_id = 7').pluck().get(), 0);
  assertRejected(() => db.prepare("INSERT INTO backup_alert_state VALUES ('database', 'OK')").run(), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  db.prepare("INSERT INTO backup_alert_state VALUES ('remote:1', 'DEGRADED')").run();
  db.prepare('INSERT INTO flapping_monitors VALUES (1, ?, ?, ?)').run(at(0), at(5), a);
});

test('migration 6: deliveries and their attempts go with their alert or channel; foreign keys and CHECKs hold', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 5));
  const ch = db.prepare("INSERT INTO alert_channels (name, kind, secret_ref, created_at, updated_at) VALUES ('hook', 'webhook', 'secret:c', 1, 1)").run().lastInsertRowid;
  const a = db.prepare("INSERT INTO alerts (monitor_name, kind, state, title, message, created_at) VALUES ('test', 'test', 'queued', 't', 'm', 1)").run().lastInsertRowid;
  const delivery = db.prepare('INSERT INTO alert_deliveries (alert_id, channel_id, status, created_at) VALUES (?, ?, ?, 1)');
  assertRejected(() => delivery.run(a, ch, 'sent'), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  assertRejected(() => delivery.run(999, ch, 'pending'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => delivery.run(a, 999, 'pending'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  const d = delivery.run(a, ch, 'retrying').lastInsertRowid;
  assert.equal(db.prepare('SELECT attempts FROM alert_deliveries WHERE id = ?').pluck().get(d), 0);
  const attempt = db.prepare('INSERT INTO delivery_attempts (delivery_id, at, duration_ms, ok, http_status, error) VALUES (?, 1, 12.5, ?, ?, ?)');
  assertRejected(() => attempt.run(d, 2, 500, null), 'SQLITE_CONSTRAINT_CHECK', /ok IN/);
  assertRejected(() => attempt.run(999, 0, 500, 'HTTP 500'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  attempt.run(d, 0, 500, 'HTTP 500');

  db.prepare('DELETE FROM alerts WHERE id = ?').run(a);
  assert.equal(db.prepare('SELECT count(*) FROM alert_deliveries').pluck().get(), 0, 'deliveries cascade with their alert');
  assert.equal(db.prepare('SELECT count(*) FROM delivery_attempts').pluck().get(), 0, 'attempts cascade with their delivery');
  const a2 = db.prepare("INSERT INTO alerts (monitor_name, kind, state, title, message, created_at) VALUES ('test', 'test', 'queued', 't', 'm', 1)").run().lastInsertRowid;
  delivery.run(a2, ch, 'pending');
  db.prepare('DELETE FROM alert_channels WHERE id = ?').run(ch);
  assert.equal(db.prepare('SELECT count(*) FROM alert_deliveries').pluck().get(), 0, 'deliveries cascade with their channel');
});

test('migration 6: maintenance windows need an existing monitor; backup records and remote targets enforce their CHECKs and keys', (t) => {
  const { db } = upgradeTo(t, migration, (d) => seedThrough(d, 5));
  const window = db.prepare("INSERT INTO maintenance_windows (name, monitor_id, scope, schedule, created_at) VALUES ('patch night', ?, ?, '{\"weekly\":\"sun 02:00\"}', 1)");
  assertRejected(() => window.run(999, 'monitor'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => window.run(1, 'project'), 'SQLITE_CONSTRAINT_CHECK', /scope IN/);
  window.run(2, 'host');
  db.prepare('DELETE FROM monitors WHERE id = 2').run();
  assert.equal(db.prepare('SELECT count(*) FROM maintenance_windows').pluck().get(), 0, 'windows cascade with their monitor');

  const backup = db.prepare("INSERT INTO db_backups (file, trigger, started_at, status) VALUES ('photon-2026-01-05.db', ?, 1, ?)");
  assertRejected(() => backup.run('cron', 'ok'), 'SQLITE_CONSTRAINT_CHECK', /trigger IN/);
  assertRejected(() => backup.run('manual', 'partial'), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  backup.run('schedule', 'ok');

  const target = db.prepare("INSERT INTO remote_backup_targets (name, definition, created_at, updated_at) VALUES (?, '{}', 1, 1)");
  const tid = target.run('Shop Postgres').lastInsertRowid;
  assertRejected(() => target.run('shop postgres'), 'SQLITE_CONSTRAINT_UNIQUE', /remote_backup_targets\.name/);
  const remote = db.prepare('INSERT INTO remote_backups (target_id, started_at, status) VALUES (?, 1, ?)');
  assertRejected(() => remote.run(999, 'ok'), 'SQLITE_CONSTRAINT_FOREIGNKEY', /FOREIGN KEY/);
  assertRejected(() => remote.run(tid, 'running'), 'SQLITE_CONSTRAINT_CHECK', /status IN/);
  remote.run(tid, 'failed');
  db.prepare('DELETE FROM remote_backup_targets WHERE id = ?').run(tid);
  assert.equal(db.prepare('SELECT count(*) FROM remote_backups').pluck().get(), 0, 'remote backups cascade with their target');
});
