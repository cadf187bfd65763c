import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

/**
 * Agents: roster, what they report (signals, tasks), presence transitions, pull sources.
 * History tables reference agents without cascading deletes from the roster: an agent is retired,
 * never deleted, so its history stays. Removing the whole project does take everything with it.
 */
export const migration: Migration = {
  version: 4,
  name: 'agents',
  up: (db) => {
    db.exec(`
    CREATE TABLE agents (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      project_id       TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      -- Short stable handle ("A".."F" for the defaults): renames change name, never code.
      code             TEXT NOT NULL,
      name             TEXT NOT NULL,
      role             TEXT NOT NULL,
      capabilities     TEXT NOT NULL DEFAULT '[]',
      backed_by        TEXT NOT NULL DEFAULT '',
      retired_at       INTEGER,
      created_at       INTEGER NOT NULL,
      updated_at       INTEGER NOT NULL,
      -- SHA-256 of the push token (hex) for lookup; the token itself lives only in the keychain.
      token_hash       TEXT UNIQUE,
      token_ref        TEXT,
      token_created_at INTEGER,
      UNIQUE (project_id, code)
    ) STRICT;

    CREATE TABLE agent_state (
      agent_id        INTEGER PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
      presence        TEXT NOT NULL CHECK (presence IN ('ONLINE','IDLE','STALE','OFFLINE')),
      presence_since  INTEGER NOT NULL,
      last_signal_at  INTEGER,
      last_heartbeat_at INTEGER,
      status_text     TEXT,
      status_at       INTEGER
    ) STRICT;

    -- Heartbeats and free-form status lines, one row each.
    CREATE TABLE agent_signals (
      id        INTEGER PRIMARY KEY,
      agent_id  INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      at        INTEGER NOT NULL,
      kind      TEXT NOT NULL CHECK (kind IN ('heartbeat','status')),
      text      TEXT,
      source    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agent_signals_agent ON agent_signals (agent_id, kind, at);

    CREATE TABLE agent_tasks (
      id           INTEGER PRIMARY KEY,
      agent_id     INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      task_id      TEXT NOT NULL,
      title        TEXT NOT NULL,
      started_at   INTEGER,
      finished_at  INTEGER,
      outcome      TEXT CHECK (outcome IN ('success','failure')),
      duration_ms  REAL,
      quality      REAL,
      source       TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agent_tasks_agent ON agent_tasks (agent_id, task_id);
    CREATE INDEX agent_tasks_finished ON agent_tasks (agent_id, finished_at);

    -- One row per idempotency key ever accepted: a replay finds it and stores nothing.
    CREATE TABLE agent_event_keys (
      agent_id  INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      key       TEXT NOT NULL,
      at        INTEGER NOT NULL,
      PRIMARY KEY (agent_id, key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE agent_presence_events (
      id         INTEGER PRIMARY KEY,
      agent_id   INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      at         INTEGER NOT NULL,
      from_state TEXT NOT NULL,
      to_state   TEXT NOT NULL,
      reason     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX agent_presence_events_agent ON agent_presence_events (agent_id, at);

    CREATE TABLE agent_project_settings (
      project_id            TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
      heartbeat_seconds     INTEGER NOT NULL,
      stale_after_seconds   INTEGER NOT NULL,
      offline_after_seconds INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE agent_pull_sources (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      project_id      TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      name            TEXT NOT NULL,
      definition      TEXT NOT NULL,
      api_key_ref     TEXT,
      created_at      INTEGER NOT NULL,
      last_run_at     INTEGER,
      last_ok_at      INTEGER,
      last_error      TEXT,
      last_imported   INTEGER
    ) STRICT;
  `);
  },
};
