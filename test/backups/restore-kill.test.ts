import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { takeDatabaseBackup } from '../../main/backups/take-database-backup.ts';
import { RESTORE_TEMP_FILE } from '../../main/backups/restore-database.ts';
import { DATABASE_FILE, openDatabase } from '../../main/store/open-database.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const RUNNER = path.resolve('test/backups/fixtures/restore-runner.ts');

/** A data dir whose live database says "live" and a backup (several MB) that says "backup". */
async function prepare(dir: string): Promise<string> {
  const store = openDatabase(dir);
  const insert = store.db.prepare("INSERT INTO projects VALUES (?, ?, NULL, ?, 'x', 'x')");
  store.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insert.run(`p${i}`, `backup ${i}`, 'b'.repeat(2000));
  })();
  const { file } = await takeDatabaseBackup(store.db, path.join(dir, 'backups'));
  store.db.exec('DELETE FROM projects');
  store.db.prepare("INSERT INTO projects VALUES ('live', 'live', NULL, '', 'x', 'x')").run();
  store.db.close();
  return file;
}

function runUntilFrozen(dataDir: string, backup: string, freezeAt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, dataDir, backup, freezeAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('frozen:')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && out.includes(`frozen:${freezeAt}`)) resolve(out);
      else reject(new Error(`the runner was not killed at ${freezeAt} (exit ${code}, ${signal}): ${out} ${err}`));
    });
  });
}

function projectNames(dir: string): string[] {
  const db = new Database(path.join(dir, DATABASE_FILE), { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    return (db.prepare('SELECT name FROM projects ORDER BY name LIMIT 2').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

for (const freezeAt of ['validating', 'copying', 'mid-copy', 'verifying-copy', 'setting-aside', 'swapping']) {
  test(`a restore killed at "${freezeAt}" leaves the previous database intact, and the next start cleans up`, async (t) => {
    const temp = makeTempDir();
    t.after(temp.cleanup);
    const backup = await prepare(temp.dir);
    await runUntilFrozen(temp.dir, backup, freezeAt);

    assert.deepEqual(projectNames(temp.dir), ['live'], 'the live database is the previous one, whole');
    const core = startTestCore(temp.dir);
    const names = (await core.dispatch('listProjects', {})) as { ok: true; value: Array<{ name: string }> };
    assert.deepEqual(names.value.map((p) => p.name), ['live']);
    await core.close();
    assert.equal(fs.existsSync(path.join(temp.dir, RESTORE_TEMP_FILE)), false, 'the half-written copy was removed at start');
  });
}

test('a restore killed right after the swap leaves the restored database, whole', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const backup = await prepare(temp.dir);
  await runUntilFrozen(temp.dir, backup, 'done');
  assert.deepEqual(projectNames(temp.dir), ['backup 0', 'backup 1']);
  assert.ok(fs.readdirSync(temp.dir).some((f) => f.startsWith('photon.db.before-restore-')), 'the previous database is kept aside');
});
