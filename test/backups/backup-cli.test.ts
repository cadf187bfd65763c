import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, openDatabase } from '../../main/store/open-database.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

// The real artifact a user runs: bin/photon.mjs → out/main/cli.mjs (built first).
const BIN = path.resolve('bin/photon.mjs');
const photon = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_DATA_HOME: '/nonexistent-photon-test' } });

function projectNames(dir: string): string[] {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT name FROM projects ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

test('photon backup now / list / restore: a verified backup, its record, and a restore that keeps the old database', (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  store.db.prepare("INSERT INTO projects VALUES ('a', 'Alpha', NULL, '', 'x', 'x')").run();
  store.db.close();

  const now = photon('backup', 'now', '--data-dir', temp.dir);
  assert.equal(now.status, 0, now.stderr);
  const [file, summary] = now.stdout.trim().split('\n');
  assert.match(path.basename(file!), /^photon-\d{8}-\d{6}-\d{3}\.db$/);
  assert.match(summary!, /^\d+(\.\d)? KiB in \d+ ms, integrity ok, \d+ rows$/);

  const list = photon('backup', 'list', '--data-dir', temp.dir);
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, new RegExp(`${path.basename(file!).replace(/\./g, '\\.')}  \\d+(\\.\\d)? KiB in \\d+ ms, integrity ok`));
  assert.match(list.stdout, /Backup check: UP, last good backup \d+ (s|min) ago/);

  const later = openDatabase(temp.dir);
  later.db.prepare("INSERT INTO projects VALUES ('b', 'Beta', NULL, '', 'x', 'x')").run();
  later.db.close();
  const restored = photon('backup', 'restore', file!, '--data-dir', temp.dir);
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stdout, /Checking the backup \(integrity_check, schema, row counts\)…\nCopying it into the data directory…\nChecking the copy…\nKeeping the current database aside…\nSwapping it in…\nDone\.\nRestored .* \(schema \d+, \d+ rows\)\.\nThe previous database is kept at .*photon\.db\.before-restore-/);
  assert.deepEqual(projectNames(temp.dir), ['Alpha']);
  const aside = restored.stdout.match(/kept at (.*)\n/)![1]!;
  const old = new Database(aside, { readonly: true });
  assert.equal((old.prepare('SELECT COUNT(*) AS n FROM projects').get() as { n: number }).n, 2);
  old.close();
});

test('photon backup restore refuses a corrupt file (exit 1) and a running console (exit 1); bad usage exits 2', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  store.db.close();
  const before = fs.readFileSync(path.join(temp.dir, DATABASE_FILE));
  const junk = path.join(temp.dir, 'junk.db');
  fs.writeFileSync(junk, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
  const r = photon('backup', 'restore', junk, '--data-dir', temp.dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: restore refused, the current database was not touched\. .*junk\.db is not a usable Photon Console backup: /);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.deepEqual(fs.readFileSync(path.join(temp.dir, DATABASE_FILE)), before);

  const core = startTestCore(temp.dir);
  const busy = photon('backup', 'restore', junk, '--data-dir', temp.dir);
  await core.close();
  assert.equal(busy.status, 1);
  assert.match(busy.stderr, /is in use by another Photon Console \(pid \d+\)\. Stop it first/);

  for (const [args, message] of [
    [['backup'], /photon backup: expected now, list or restore FILE/],
    [['backup', 'restore'], /give exactly one backup file/],
    [['backup', 'now', 'extra'], /photon backup now: unexpected argument "extra"/],
    [['backup', 'rewind'], /expected now, list or restore FILE \(got "rewind"\)/],
    [['backup', 'list', '--colour'], /photon backup: Unknown option '--colour'/],
  ] as const) {
    const u = photon(...args);
    assert.equal(u.status, 2, `${args.join(' ')}: ${u.stderr}`);
    assert.match(u.stderr, message);
  }
});

test('photon backup restore refuses while a restore staged from the UI waits, naming the staged file and how to cancel it', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const core = startTestCore(temp.dir);
  await core.dispatch('addProject', { name: 'Staged' });
  const backup = (await core.dispatch('runBackupNow', {})) as { ok: true; value: { id: number; name: string; file: string } };
  const staged = await core.dispatch('restoreBackup', { id: backup.value.id, confirmName: backup.value.name });
  assert.equal(staged.ok, true);
  await core.close();
  const before = fs.readFileSync(path.join(temp.dir, DATABASE_FILE));

  const r = photon('backup', 'restore', backup.value.file, '--data-dir', temp.dir);
  assert.equal(r.status, 1, r.stdout);
  assert.match(r.stderr, /^error: restore refused, the current database was not touched\. A restore from the Backups view is already staged in .*restore-pending\.db; the next start would apply it over this one\. Cancel it first \(Backups view → "Cancel the restore", or delete .*restore-pending\.db\)/);
  assert.deepEqual(fs.readFileSync(path.join(temp.dir, DATABASE_FILE)), before, 'nothing changed');
  assert.equal(fs.existsSync(path.join(temp.dir, 'restore-pending.db')), true, 'the staged restore is left for the person to decide');

  fs.rmSync(path.join(temp.dir, 'restore-pending.db'));
  const after = photon('backup', 'restore', backup.value.file, '--data-dir', temp.dir);
  assert.equal(after.status, 0, after.stderr);
});
