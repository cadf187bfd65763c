import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, DATABASE_FILE } from '../../main/store/open-database.ts';
import { DatabaseTooNewError } from '../../main/store/migrate.ts';
import { migrations } from '../../main/store/migrations/index.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const latest = migrations.at(-1)!.version;

test('a new data directory is created and migrated to the latest schema with WAL and foreign keys', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const dataDir = path.join(dir, 'nested', 'data');
  const opened = openDatabase(dataDir);
  try {
    assert.equal(opened.schemaVersion, latest);
    assert.equal(opened.db.pragma('user_version', { simple: true }), latest);
    assert.equal(opened.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(opened.db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(opened.db.pragma('busy_timeout', { simple: true }), 5000);
    assert.deepEqual(opened.notices, []);
  } finally {
    opened.db.close();
  }
});

test('reopening an up-to-date database applies nothing and keeps the data', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const first = openDatabase(dir);
  first.db.prepare("INSERT INTO projects VALUES ('p1', 'Alpha', NULL, '', 'x', 'x')").run();
  first.db.close();
  const second = openDatabase(dir);
  try {
    assert.deepEqual(second.db.prepare('SELECT name FROM projects').all(), [{ name: 'Alpha' }]);
  } finally {
    second.db.close();
  }
});

test('a database written by a newer version is refused and left untouched', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, DATABASE_FILE);
  const raw = new Database(file);
  raw.exec('CREATE TABLE future_only (x)');
  raw.pragma(`user_version = ${latest + 5}`);
  raw.close();
  const before = fs.readFileSync(file);

  assert.throws(
    () => openDatabase(dir),
    (err: unknown) =>
      err instanceof DatabaseTooNewError &&
      err.message.includes(`schema version ${latest + 5}`) &&
      err.message.includes(`knows up to ${latest}`) &&
      err.message.includes(file),
  );
  assert.deepEqual(fs.readFileSync(file), before);
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.includes('corrupt')),
    [],
    'a newer database is not corrupt and must not be moved aside',
  );
});

test('a corrupt database file is moved aside, not overwritten, and the operator is told', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, DATABASE_FILE);
  const garbage = Buffer.from('this is not an sqlite database, but someone might still want it back '.repeat(100));
  fs.writeFileSync(file, garbage);

  const opened = openDatabase(dir, { now: () => new Date('2026-01-02T03:04:05.000Z') });
  try {
    const aside = `${file}.corrupt-2026-01-02T03-04-05-000Z`;
    assert.deepEqual(fs.readFileSync(aside), garbage, 'the original bytes are kept');
    assert.equal(opened.notices.length, 1);
    assert.match(opened.notices[0]!, /unreadable/);
    assert.ok(opened.notices[0]!.includes(aside));
    assert.equal(opened.schemaVersion, latest);
  } finally {
    opened.db.close();
  }
});

test('a database with damaged pages fails the integrity check and is moved aside', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, DATABASE_FILE);
  const first = openDatabase(dir);
  const insert = first.db.prepare('INSERT INTO projects VALUES (?, ?, NULL, ?, ?, ?)');
  for (let i = 0; i < 400; i++) insert.run(`id${i}`, `project ${i}`, 'n'.repeat(200), 't', 't');
  first.db.pragma('wal_checkpoint(TRUNCATE)');
  first.db.pragma('journal_mode = DELETE');
  first.db.close();
  // Scribble over pages after the header: the file still opens, but its b-trees are broken.
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xab), 0, 4096 * 3, 4096 * 2);
  fs.closeSync(fd);

  const reopened = openDatabase(dir);
  try {
    assert.equal(reopened.notices.length, 1);
    assert.ok(fs.readdirSync(dir).some((f) => f.startsWith(`${DATABASE_FILE}.corrupt-`)));
    assert.deepEqual(reopened.db.prepare('SELECT count(*) AS n FROM projects').get(), { n: 0 });
  } finally {
    reopened.db.close();
  }
});
