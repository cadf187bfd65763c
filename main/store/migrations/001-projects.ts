import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

export const migration: Migration = {
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
};
