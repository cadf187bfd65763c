import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

export const migration: Migration = {
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
};
