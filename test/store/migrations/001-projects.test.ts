import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migration } from '../../../main/store/migrations/001-projects.ts';
import { assertRejected, columns, indexInfo, upgradeTo } from './harness.ts';

test('migration 1 (projects) turns an empty database into one with the projects table', (t) => {
  const { db, before, added } = upgradeTo(t, migration, () => {});
  assert.deepEqual(before, {}, 'version 0 is an empty database');
  assert.deepEqual(added.tables, ['projects']);
  assert.deepEqual(added.indexes, ['projects_name_nocase']);
  assert.deepEqual(columns(db, 'projects'), ['id', 'name', 'repo_path', 'notes', 'created_at', 'updated_at']);

  db.prepare("INSERT INTO projects (id, name, repo_path, created_at, updated_at) VALUES ('p-shop', 'Shop', '/srv/shop', '2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z')").run();
  assert.deepEqual(db.prepare("SELECT * FROM projects WHERE id = 'p-shop'").get(), {
    id: 'p-shop',
    name: 'Shop',
    repo_path: '/srv/shop',
    notes: '',
    created_at: '2026-01-05T10:00:00.000Z',
    updated_at: '2026-01-05T10:00:00.000Z',
  });
});

test('migration 1: project names are unique ignoring case, required, and the table is STRICT', (t) => {
  const { db } = upgradeTo(t, migration, () => {});
  assert.deepEqual(indexInfo(db, 'projects', 'projects_name_nocase'), { unique: true, columns: ['name'] });
  const insert = db.prepare("INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, 't', 't')");
  insert.run('p1', 'Shop');
  assertRejected(() => insert.run('p2', 'SHOP'), 'SQLITE_CONSTRAINT_UNIQUE', /projects\.name/);
  assertRejected(() => insert.run('p1', 'Other'), 'SQLITE_CONSTRAINT_PRIMARYKEY', /projects\.id/);
  assertRejected(() => insert.run('p3', null), 'SQLITE_CONSTRAINT_NOTNULL', /projects\.name/);
  assertRejected(() => insert.run('p4', Buffer.from('blob')), 'SQLITE_CONSTRAINT_DATATYPE', /cannot store BLOB value in TEXT column projects\.name/);
  assert.deepEqual(db.prepare('SELECT id FROM projects').all(), [{ id: 'p1' }]);
});
