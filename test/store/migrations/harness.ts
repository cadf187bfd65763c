import assert from 'node:assert/strict';
import path from 'node:path';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../../main/store/migrate.ts';
import { migrations } from '../../../main/store/migrations/index.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

type Row = Record<string, unknown>;
/** Every row of every user table, keyed by table name. */
export type Snapshot = Record<string, Row[]>;

export interface Upgraded {
  db: Database.Database;
  /** The rows present at version N-1, just before migration N ran. */
  before: Snapshot;
  /** User tables and named indexes that migration N added. */
  added: { tables: string[]; indexes: string[] };
}

function open(file: string): Database.Database {
  const db = new Database(file);
  // As openDatabase does: without it SQLite ignores every REFERENCES clause.
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Builds a database file at version N-1 with the real migrate() and the shipped migrations 1..N-1,
 * lets `seed` insert rows, closes it, then reopens it and applies migration N — again through
 * migrate(), as an upgrade of a user's file would.
 */
export function upgradeTo(t: TestContext, migration: Migration, seed: (db: Database.Database) => void): Upgraded {
  const n = migration.version;
  assert.equal(migrations[n - 1], migration, `migration ${n} is listed at position ${n} in main/store/migrations/index.ts`);
  const { dir, cleanup } = makeTempDir('photon-migration-');
  t.after(cleanup);
  const file = path.join(dir, 'photon.db');

  const old = open(file);
  try {
    assert.equal(migrate(old, migrations.slice(0, n - 1), file), n - 1);
    assert.equal(old.pragma('user_version', { simple: true }), n - 1);
    seed(old);
  } catch (err) {
    old.close();
    throw err;
  }
  const before = snapshot(old);
  const tablesBefore = userTables(old);
  const indexesBefore = namedIndexes(old);
  old.close();

  const db = open(file);
  t.after(() => db.close());
  assert.equal(migrate(db, migrations.slice(0, n), file), n);
  assert.equal(db.pragma('user_version', { simple: true }), n);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  assert.deepEqual(db.pragma('foreign_key_check'), [], 'the old rows still satisfy every foreign key');
  return {
    db,
    before,
    added: {
      tables: userTables(db).filter((name) => !tablesBefore.includes(name)),
      indexes: namedIndexes(db).filter((name) => !indexesBefore.includes(name)),
    },
  };
}

export function userTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** Indexes created by CREATE INDEX (not the automatic ones behind UNIQUE and PRIMARY KEY). */
export function namedIndexes(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

export function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
}

/** The indexed columns of `index`, and whether it is UNIQUE. */
export function indexInfo(db: Database.Database, table: string, index: string): { unique: boolean; columns: string[] } {
  const entry = (db.pragma(`index_list(${table})`) as Array<{ name: string; unique: number }>).find((i) => i.name === index);
  assert.ok(entry, `index ${index} exists on ${table}`);
  const cols = (db.pragma(`index_info(${index})`) as Array<{ name: string }>).map((c) => c.name);
  return { unique: entry.unique === 1, columns: cols };
}

export function snapshot(db: Database.Database): Snapshot {
  const out: Snapshot = {};
  for (const table of userTables(db)) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
    out[table] = rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/** Every table that existed before the migration still holds exactly the rows it held. */
export function assertRowsKept(db: Database.Database, before: Snapshot): void {
  const after = snapshot(db);
  assert.ok(Object.values(before).some((rows) => rows.length > 0), 'the seed put rows into the old tables');
  for (const [table, rows] of Object.entries(before)) {
    assert.deepEqual(after[table], rows, `rows of ${table} unchanged by the migration`);
  }
}

/** `run` fails with the given SQLite extended code, and the message matches `message`. */
export function assertRejected(run: () => unknown, code: string, message: RegExp): void {
  assert.throws(run, (err: unknown) => {
    assert.ok(err instanceof Error, 'an Error');
    assert.equal((err as { code?: unknown }).code, code, err.message);
    assert.match(err.message, message);
    return true;
  });
}

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
/** Milliseconds since the epoch, `minutes` after the seed's reference time. */
export const at = (minutes: number): number => T0 + minutes * 60_000;

/**
 * Realistic rows for the tables that exist at `version`, inserted through the shipped schema:
 * what a store used for a while by a previous release would hold.
 */
export function seedThrough(db: Database.Database, version: number): void {
  const seeds = [seed1, seed2, seed3, seed4, seed5];
  assert.ok(version <= seeds.length, `a seed exists for every version up to ${version}`);
  for (const seed of seeds.slice(0, version)) seed(db);
}

function seed1(db: Database.Database): void {
  const insert = db.prepare('INSERT INTO projects (id, name, repo_path, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  insert.run('p-shop', 'Shop', '/home/ops/src/shop', 'Customer storefront; pager goes to #shop-oncall', '2026-01-05T10:00:00.000Z', '2026-01-06T08:30:00.000Z');
  insert.run('p-blog', 'Blog', null, '', '2026-01-05T10:05:00.000Z', '2026-01-05T10:05:00.000Z');
}

function seed2(db: Database.Database): void {
  db.prepare(
    `INSERT INTO monitors (id, project_id, parent_id, definition, source_file, source_line, paused, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(1, 'p-shop', null, JSON.stringify({ name: 'shop.example.com', type: 'http', url: 'https://shop.example.com/health', intervalSeconds: 60 }), 'photon.yml', 4, 0, at(0), at(0));
  db.prepare(
    `INSERT INTO monitors (id, project_id, parent_id, definition, source_file, source_line, paused, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(2, 'p-shop', 1, JSON.stringify({ name: 'shop db', type: 'tcp', host: '10.0.0.12', port: 5432 }), null, null, 1, at(1), at(2));
  db.prepare(
    `INSERT INTO monitor_state (monitor_id, status, health, since, failures, successes, blocked_by, failing_since, reason,
       last_at, last_outcome, last_latency, last_metric, last_evidence, last_good_at)
     VALUES (1, 'UP', 'up', ?, 0, 12, NULL, NULL, 'HTTP 200 in 84 ms', ?, 'up', 84.2, NULL, '{"status":200}', ?)`,
  ).run(at(10), at(70), at(70));
  db.prepare('INSERT INTO result_blocks (monitor_id, block, data) VALUES (1, 29302, ?)').run(Buffer.from([1, 0, 84, 0, 2, 1, 90, 0]));
  db.prepare('INSERT INTO result_messages (monitor_id, at, message) VALUES (1, ?, ?)').run(at(5), 'HTTP 503 Service Unavailable');
  db.prepare('INSERT INTO incidents (id, monitor_id, opened_at, closed_at, cause) VALUES (7, 1, ?, ?, ?)').run(at(5), at(9), 'HTTP 503 Service Unavailable');
  db.prepare(
    "INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (1, 7, ?, 'UP', 'DOWN', 'HTTP 503 twice')",
  ).run(at(5));
  db.prepare("INSERT INTO project_environment (project_id, declared, source) VALUES ('p-shop', 'production', 'photon.yml')").run();
  db.prepare('INSERT INTO rollup_hour (monitor_id, block, data) VALUES (1, 488, ?)').run(Buffer.from('packed-hour-rollup'));
}

function seed3(db: Database.Database): void {
  db.prepare("INSERT INTO secrets (ref, kind, label, created_at, updated_at) VALUES ('secret:host-1-password', 'ssh-password', 'deploy@shop-web-1', ?, ?)").run(at(20), at(20));
  db.prepare(
    `INSERT INTO hosts (id, name, project_id, address, port, user, auth, key_path, secret_ref, sudo, services, cloud, pin, pin_key_type, pinned_at, source, created_at, updated_at)
     VALUES (1, 'shop-web-1', 'p-shop', '10.0.0.11', 22, 'deploy', 'password', NULL, 'secret:host-1-password', 1, '["nginx","shop"]', NULL,
             'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8', 'ssh-ed25519', ?, 'ui', ?, ?)`,
  ).run(at(21), at(20), at(21));
  db.prepare(
    "INSERT INTO runbooks (id, host_id, name, definition, source, last_scheduled_at, created_at, updated_at) VALUES (1, 1, 'Restart nginx', ?, 'ui', NULL, ?, ?)",
  ).run(JSON.stringify({ id: 'restart-nginx', steps: ['sudo systemctl restart nginx'] }), at(22), at(22));
  db.prepare(
    `INSERT INTO runbook_runs (host_id, host_name, runbook_id, runbook_name, trigger, params, commands, status, started_at, finished_at,
       exit_code, output, output_bytes, output_sha256, recovered, verification, error)
     VALUES (1, 'shop-web-1', 'restart-nginx', 'Restart nginx', 'ui', '{}', '["sudo systemctl restart nginx"]', 'succeeded', ?, ?,
       0, '', 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 1, '{"monitor":1,"status":"UP"}', NULL)`,
  ).run(at(30), at(31));
}

function seed4(db: Database.Database): void {
  db.prepare(
    `INSERT INTO agents (id, project_id, code, name, role, capabilities, backed_by, retired_at, created_at, updated_at, token_hash, token_ref, token_created_at)
     VALUES (1, 'p-shop', 'A', 'Builder', 'Implements features', '["code","tests"]', 'claude', NULL, ?, ?,
             '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'secret:agent-1-token', ?)`,
  ).run(at(40), at(40), at(40));
  db.prepare("INSERT INTO agent_state (agent_id, presence, presence_since, last_signal_at, last_heartbeat_at, status_text, status_at) VALUES (1, 'ONLINE', ?, ?, ?, 'running migrations', ?)").run(
    at(41),
    at(45),
    at(45),
    at(44),
  );
  db.prepare("INSERT INTO agent_signals (agent_id, at, kind, text, source) VALUES (1, ?, 'heartbeat', NULL, 'push'), (1, ?, 'status', 'running migrations', 'push')").run(at(45), at(44));
  db.prepare(
    "INSERT INTO agent_tasks (agent_id, task_id, title, started_at, finished_at, outcome, duration_ms, quality, source) VALUES (1, 'T-12', 'Split migrations', ?, ?, 'success', 1800000, 0.9, 'push')",
  ).run(at(10), at(40));
  db.prepare("INSERT INTO agent_event_keys (agent_id, key, at) VALUES (1, 'evt-0001', ?)").run(at(44));
  db.prepare("INSERT INTO agent_presence_events (agent_id, at, from_state, to_state, reason) VALUES (1, ?, 'OFFLINE', 'ONLINE', 'heartbeat received')").run(at(41));
  db.prepare("INSERT INTO agent_project_settings (project_id, heartbeat_seconds, stale_after_seconds, offline_after_seconds) VALUES ('p-shop', 60, 300, 900)").run();
  db.prepare(
    "INSERT INTO agent_pull_sources (project_id, name, definition, api_key_ref, created_at, last_run_at, last_ok_at, last_error, last_imported) VALUES ('p-shop', 'tracker', ?, 'secret:pull-1', ?, ?, ?, NULL, 3)",
  ).run(JSON.stringify({ kind: 'http', url: 'https://tracker.example.com/api/agents' }), at(42), at(50), at(50));
}

function seed5(db: Database.Database): void {
  db.prepare("INSERT INTO assessments (project_id, assessed_at, tier, overall, summary, report) VALUES ('p-shop', ?, 'production', 72.5, ?, ?)").run(
    at(60),
    'Production: 72.5 — backups unverified',
    JSON.stringify({ tier: 'production', overall: 72.5, sections: [] }),
  );
  db.prepare("INSERT INTO project_scorecard (project_id, tier, targets) VALUES ('p-shop', 'production', '{\"uptime\":99.9}')").run();
}
