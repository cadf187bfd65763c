import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

export const migration: Migration = {
  version: 2,
  name: 'monitoring',
  up: (db) => {
    db.exec(`
        -- AUTOINCREMENT: an id is never reused, so a stale reference can never name a newer monitor.
        CREATE TABLE monitors (
          id           INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id   TEXT REFERENCES projects(id) ON DELETE CASCADE,
          parent_id    INTEGER REFERENCES monitors(id) ON DELETE SET NULL,
          definition   TEXT NOT NULL,
          source_file  TEXT,
          source_line  INTEGER,
          paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
          created_at   INTEGER NOT NULL,
          updated_at   INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX monitors_project ON monitors (project_id);

        CREATE TABLE monitor_state (
          monitor_id    INTEGER PRIMARY KEY REFERENCES monitors(id) ON DELETE CASCADE,
          status        TEXT NOT NULL CHECK (status IN ('UP','DOWN','DEGRADED','PENDING','UNKNOWN','MAINTENANCE')),
          health        TEXT NOT NULL CHECK (health IN ('up','down','pending')),
          since         INTEGER NOT NULL,
          failures      INTEGER NOT NULL,
          successes     INTEGER NOT NULL,
          blocked_by    INTEGER,
          failing_since INTEGER,
          reason        TEXT NOT NULL,
          last_at       INTEGER,
          last_outcome  TEXT CHECK (last_outcome IN ('up','degraded','down','unknown')),
          last_latency  REAL,
          last_metric   REAL,
          last_evidence TEXT,
          last_good_at  INTEGER
        ) STRICT;

        -- Raw results and rollups are packed blobs (see main/monitors/storage/): one row per monitor
        -- and block instead of one per result keeps 30 days of 1,000 monitors within tens of MB.
        CREATE TABLE result_blocks (
          monitor_id INTEGER NOT NULL,
          block      INTEGER NOT NULL,
          data       BLOB NOT NULL,
          PRIMARY KEY (monitor_id, block)
        ) STRICT, WITHOUT ROWID;

        -- A result's message is stored only when it differs from the monitor's previous one.
        CREATE TABLE result_messages (
          monitor_id INTEGER NOT NULL,
          at         INTEGER NOT NULL,
          message    TEXT NOT NULL,
          PRIMARY KEY (monitor_id, at)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE incidents (
          id          INTEGER PRIMARY KEY,
          monitor_id  INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
          opened_at   INTEGER NOT NULL,
          closed_at   INTEGER,
          cause       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX incidents_monitor ON incidents (monitor_id, opened_at);

        CREATE TABLE monitor_events (
          id           INTEGER PRIMARY KEY,
          monitor_id   INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
          incident_id  INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
          at           INTEGER NOT NULL,
          from_status  TEXT NOT NULL,
          to_status    TEXT NOT NULL,
          reason       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX monitor_events_monitor ON monitor_events (monitor_id, at);

        CREATE TABLE project_environment (
          project_id  TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
          declared    TEXT NOT NULL,
          source      TEXT
        ) STRICT;
      `);
    for (const table of ['rollup_minute', 'rollup_hour', 'rollup_day']) {
      db.exec(`
          CREATE TABLE ${table} (
            monitor_id  INTEGER NOT NULL,
            block       INTEGER NOT NULL,
            data        BLOB NOT NULL,
            PRIMARY KEY (monitor_id, block)
          ) STRICT, WITHOUT ROWID;
        `);
    }
  },
};
