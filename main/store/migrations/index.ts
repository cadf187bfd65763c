import { createAlertsAndBackupsSchema } from '../../alerts/schema.ts';
import type { Migration } from '../migrate.ts';
import { agentsMigration } from './agents.ts';

/**
 * Ordered, append-only. A migration that has shipped is never edited: users' databases already
 * ran it. Add a new one at the end instead.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'projects',
    up: (db) => {
      db.exec(`
        CREATE TABLE projects (
          id          TEXT PRIMARY KEY,
          name        TEXT NOT NULL,
          repo_path   TEXT,
          notes       TEXT NOT NULL DEFAULT '',
          created_at  TEXT NOT NULL,
          updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX projects_name_nocase ON projects (name COLLATE NOCASE);
      `);
    },
  },
  {
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
  },
  {
    version: 3,
    name: 'hosts-and-recovery',
    up: (db) => {
      db.exec(`
        -- Names and kinds of what the OS keychain holds, so the UI can list them. The values are in
        -- the keychain only; a ref says nothing about its secret.
        CREATE TABLE secrets (
          ref         TEXT PRIMARY KEY,
          kind        TEXT NOT NULL,
          label       TEXT NOT NULL,
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE hosts (
          id            INTEGER PRIMARY KEY AUTOINCREMENT,
          name          TEXT NOT NULL,
          project_id    TEXT REFERENCES projects(id) ON DELETE SET NULL,
          address       TEXT NOT NULL,
          port          INTEGER NOT NULL,
          user          TEXT NOT NULL,
          auth          TEXT NOT NULL CHECK (auth IN ('agent','key','password')),
          key_path      TEXT,
          secret_ref    TEXT REFERENCES secrets(ref),
          sudo          INTEGER NOT NULL CHECK (sudo IN (0, 1)),
          services      TEXT NOT NULL,
          cloud         TEXT,
          pin           TEXT,
          pin_key_type  TEXT,
          pinned_at     INTEGER,
          source        TEXT NOT NULL,
          created_at    INTEGER NOT NULL,
          updated_at    INTEGER NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX hosts_name_nocase ON hosts (name COLLATE NOCASE);
        CREATE INDEX hosts_address ON hosts (address, port);

        CREATE TABLE runbooks (
          id          INTEGER PRIMARY KEY AUTOINCREMENT,
          host_id     INTEGER REFERENCES hosts(id) ON DELETE CASCADE,
          name        TEXT NOT NULL,
          definition  TEXT NOT NULL,
          source      TEXT NOT NULL,
          last_scheduled_at INTEGER,
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        ) STRICT;

        -- The audit log. Host and runbook names are copied in so a record still reads right after
        -- either is renamed or removed.
        CREATE TABLE runbook_runs (
          id             INTEGER PRIMARY KEY AUTOINCREMENT,
          host_id        INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
          host_name      TEXT NOT NULL,
          runbook_id     TEXT NOT NULL,
          runbook_name   TEXT NOT NULL,
          trigger        TEXT NOT NULL CHECK (trigger IN ('ui','cli','schedule')),
          params         TEXT NOT NULL,
          commands       TEXT NOT NULL,
          status         TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','cancelled','timed-out')),
          started_at     INTEGER NOT NULL,
          finished_at    INTEGER,
          exit_code      INTEGER,
          output         TEXT NOT NULL DEFAULT '',
          output_bytes   INTEGER NOT NULL DEFAULT 0,
          output_sha256  TEXT,
          recovered      INTEGER CHECK (recovered IN (0, 1)),
          verification   TEXT,
          error          TEXT
        ) STRICT;
        CREATE INDEX runbook_runs_host ON runbook_runs (host_id, started_at);
      `);
    },
  },
  { version: 4, name: 'agents', up: agentsMigration },
  {
    version: 5,
    name: 'readiness assessments',
    up: (db) => {
      db.exec(`
        -- One row per assessment; the full JSON report is kept so old runs stay viewable and exportable.
        CREATE TABLE assessments (
          id           INTEGER PRIMARY KEY AUTOINCREMENT,
          project_id   TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
          assessed_at  INTEGER NOT NULL,
          tier         TEXT NOT NULL,
          overall      REAL,
          summary      TEXT NOT NULL,
          report       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX assessments_project ON assessments (project_id, id);

        CREATE TABLE project_scorecard (
          project_id  TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
          tier        TEXT NOT NULL CHECK (tier IN ('prototype', 'production', 'commercial')),
          targets     TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
      `);
    },
  },
  { version: 6, name: 'alerts-maintenance-backups', up: createAlertsAndBackupsSchema },
];
