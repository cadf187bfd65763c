import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../main/store/migrate.ts';

test('a migration that fails half-way rolls the whole batch back', () => {
  const db = new Database(':memory:');
  const list: Migration[] = [
    { version: 1, name: 'first', up: (d) => d.exec('CREATE TABLE a (x)') },
    {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE b (x)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    },
  ];
  assert.throws(() => migrate(db, list, ':memory:'), /Migration 2 \(broken\) failed: no such table: no_such_table/);
  assert.equal(db.pragma('user_version', { simple: true }), 0);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
  assert.deepEqual(tables, [], 'neither table a (migration 1) nor b (half of migration 2) may remain');
  db.close();
});

test('migrations continue from the recorded user_version', () => {
  const db = new Database(':memory:');
  const calls: number[] = [];
  const list: Migration[] = [1, 2, 3].map((version) => ({ version, name: `m${version}`, up: () => calls.push(version) }));
  db.pragma('user_version = 1');
  assert.equal(migrate(db, list, ':memory:'), 3);
  assert.deepEqual(calls, [2, 3]);
  db.close();
});

test('an out-of-order migration list is a programming error caught before anything runs', () => {
  const db = new Database(':memory:');
  const list: Migration[] = [
    { version: 1, name: 'a', up: () => {} },
    { version: 3, name: 'c', up: () => {} },
  ];
  assert.throws(() => migrate(db, list, ':memory:'), /out of order at index 1: version 3/);
  db.close();
});
