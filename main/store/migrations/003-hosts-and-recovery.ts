import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

export const migration: Migration = {
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
};
