import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../main/store/migrate.ts';
import { migrations } from '../../main/store/migrations/index.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = path.join(root, 'main', 'store', 'migrations');
const FILE = /^\d{3}-[a-z0-9-]+\.ts$/;

function migrationFiles(): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f !== 'index.ts')
    .sort();
}

test('every file in main/store/migrations but index.ts is NNN-name.ts', () => {
  const files = migrationFiles();
  assert.ok(files.length > 0);
  for (const f of files) assert.match(f, FILE, `${f} in main/store/migrations`);
});

test('migration file numbers match their version, run 1, 2, 3… without gaps, and index.ts lists exactly them in order', async () => {
  const files = migrationFiles().filter((f) => FILE.test(f));
  const loaded: Migration[] = [];
  for (const [i, f] of files.entries()) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { migration?: Migration };
    assert.ok(mod.migration, `${f} exports \`migration\``);
    const number = Number(f.slice(0, 3));
    assert.equal(number, i + 1, `${f}: numbers are contiguous from 001`);
    assert.equal(mod.migration.version, number, `${f}: version matches the file number`);
    assert.equal(f.slice(4, -3), mod.migration.name.replace(/ /g, '-'), `${f}: the file is named after the migration`);
    loaded.push(mod.migration);
  }
  assert.equal(migrations.length, loaded.length, 'index.ts lists every migration file');
  loaded.forEach((m, i) => assert.equal(migrations[i], m, `index.ts lists ${files[i]} at position ${i + 1}`));
});

test('every migration file has its own upgrade test in test/store/migrations', () => {
  for (const f of migrationFiles()) {
    const testFile = path.join(root, 'test', 'store', 'migrations', f.replace(/\.ts$/, '.test.ts'));
    assert.ok(fs.existsSync(testFile), `${path.relative(root, testFile)} exists`);
  }
});

/**
 * SHA-256 of the schema SQLite records (sqlite_schema, sql text included) after migrations 1..N.
 * Users' databases hold exactly this text, so a shipped migration must keep producing it. A new
 * migration appends its own line here; an existing line never changes.
 */
const SHIPPED_SCHEMA: Record<number, string> = {
  1: '3f15ef5749ce6f398ea86f4005c6a91da98d176178273a2c87aabbb592bee603',
  2: 'c139941cde8c0bc0a4e2eec53f9c33383bade3c39b0eb3153f37a2bca8cdba29',
  3: '990d5ef462e2c8092eeaefbd7bb6f00cc93752aa774f6cf6552fe6257967121a',
  4: '123bd388a4e0b79f47c575d215a8afd4bdb82ed12740d9d0d51e2b24845e5f78',
  5: '37ad7e48e6dce954e607ea71e36cd4c1242b6c1bca9e30e3f878397dd6efd9b8',
  6: 'aedf433b2a96264105f24e36a1989725c1e5e3443f2ab8020df4cce25ed947b0',
};

test('a shipped migration still creates exactly the schema it shipped with', () => {
  for (const m of migrations) {
    const expected = SHIPPED_SCHEMA[m.version];
    if (expected === undefined) continue; // not shipped yet: pin it when it is
    const db = new Database(':memory:');
    try {
      migrate(db, migrations.slice(0, m.version), ':memory:');
      const rows = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name').all() as Array<Record<string, string>>;
      const text = rows.map((r) => `${r['type']} ${r['name']} ${r['tbl_name']}\n${r['sql']}`).join('\n\n');
      assert.equal(crypto.createHash('sha256').update(text).digest('hex'), expected, `schema after migration ${m.version} (${m.name})`);
    } finally {
      db.close();
    }
  }
});
