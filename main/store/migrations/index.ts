import type { Migration } from '../migrate.ts';

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
];
