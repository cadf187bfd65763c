import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MonitorTargetSchema } from '../../../preload/contract.ts';
import type { CheckResult, TargetOf } from '../../../main/monitors/checks/check-kind.ts';
import { quickCheckScript, sqliteOverSshCheck } from '../../../main/monitors/checks/sqlite-over-ssh.ts';
import { remoteFileWord } from '../../../main/ssh/shell-quote.ts';
import { evaluateCondition } from '../../../main/monitors/conditions/evaluate-condition.ts';
import { parseCondition } from '../../../main/monitors/conditions/parse-condition.ts';
import { makeBinDir, startSshd, type TestSshd } from '../../helpers/sshd.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { BARE_TOOLS } from '../../ssh/ssh-test-utils.ts';

const run = promisify(execFile);
const tmp = makeTempDir('photon-sqlite-ssh-');
let sshd: TestSshd;
let bare: TestSshd;

before(async () => {
  [sshd, bare] = await Promise.all([startSshd(), startSshd({ sessionPath: makeBinDir(tmp.dir, 'bare-bin', BARE_TOOLS) })]);
});
after(async () => {
  await Promise.all([sshd?.stop(), bare?.stop()]);
  tmp.cleanup();
});

/** A database of several pages (a table and an index), written by the sqlite3 CLI. */
async function makeDatabase(name: string): Promise<string> {
  const file = path.join(tmp.dir, name);
  const sql = [
    'PRAGMA page_size = 4096;',
    'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);',
    'CREATE INDEX t_v ON t (v);',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO t (v) SELECT hex(randomblob(100)) FROM n;',
  ].join('\n');
  await run('sqlite3', ['-batch', file, sql]);
  return file;
}

function target(server: TestSshd, file: string): TargetOf<'sqlite-over-ssh'> {
  return MonitorTargetSchema.parse({
    kind: 'sqlite-over-ssh',
    host: server.host,
    port: server.port,
    user: server.user,
    hostKey: server.hostKeyFingerprint,
    privateKeyPath: server.clientKeyPath,
    file,
  }) as TargetOf<'sqlite-over-ssh'>;
}

const ctx = () => ({ signal: new AbortController().signal, timeoutMs: 10_000 });
const defaultsHold = (r: CheckResult) => sqliteOverSshCheck.defaultConditions.map((c) => evaluateCondition(parseCondition(c), r.observation).satisfied);

test('a healthy database: EXIT_CODE 0, BODY ok, the default conditions hold', async () => {
  const file = await makeDatabase('healthy.db');
  const r = await sqliteOverSshCheck.run(target(sshd, file), ctx());
  assert.equal(r.reached, true, r.message);
  assert.equal(r.observation.EXIT_CODE, 0);
  assert.equal(r.observation.BODY, 'ok');
  assert.deepEqual(defaultsHold(r), [true, true]);
  assert.match(r.message, /quick_check of .*healthy\.db: ok in \d+ ms/);
  assert.deepEqual([r.evidence.file, r.evidence.result, r.evidence.hostKey], [file, ['ok'], 'ok']);
});

test('a database with overwritten b-tree pages fails quick_check: BODY is not ok, the problems are in evidence', async () => {
  const file = await makeDatabase('damaged.db');
  const fd = fs.openSync(file, 'r+');
  // Pages 3 to 5 (1-based; page 1 holds the header and schema) become noise.
  fs.writeSync(fd, Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, 2 * 4096);
  fs.closeSync(fd);
  const r = await sqliteOverSshCheck.run(target(sshd, file), ctx());
  assert.equal(r.reached, true);
  assert.notEqual(r.observation.BODY, 'ok');
  assert.deepEqual(defaultsHold(r).includes(false), true);
  assert.match(r.message, /damaged\.db: (quick_check found problems|sqlite3 exit \d+): \S/);
  const lines = r.evidence.result as string[];
  assert.ok(lines.length <= 20);
});

test('a file that is not a database at all: sqlite3 fails, EXIT_CODE is not 0', async () => {
  const file = path.join(tmp.dir, 'not-a.db');
  fs.writeFileSync(file, 'this is a text file, not SQLite '.repeat(200));
  const r = await sqliteOverSshCheck.run(target(sshd, file), ctx());
  assert.notEqual(r.observation.EXIT_CODE, 0);
  assert.deepEqual(defaultsHold(r), [false, false]);
  assert.match(r.message, /sqlite3 exit \d+: .*not a database/);
});

test('a missing file is reported as missing, and is not created by the check', async () => {
  const file = path.join(tmp.dir, 'nope', 'missing.db');
  const r = await sqliteOverSshCheck.run(target(sshd, file), ctx());
  assert.equal(r.message, `${file} does not exist on 127.0.0.1`);
  assert.equal(r.observation.EXIT_CODE, 66);
  assert.equal(fs.existsSync(file), false);
});

test('sqlite3 missing on the host: "sqlite3 is not installed on <host>", exit 127', async () => {
  const file = await makeDatabase('elsewhere.db');
  const r = await sqliteOverSshCheck.run(target(bare, file), ctx());
  assert.equal(r.message, 'sqlite3 is not installed on 127.0.0.1');
  assert.equal(r.observation.EXIT_CODE, 127);
  assert.deepEqual(defaultsHold(r), [false, false]);
});

test('a file name full of shell syntax is one argument: the database is checked and nothing runs', async () => {
  // A file name cannot hold "/", so an injected touch would run relative to the session's
  // directory: root's home, where sshd starts it.
  const name = `photon-canary-${process.pid}`;
  const canaries = [path.join(os.userInfo().homedir, name), path.join(tmp.dir, name)];
  const file = await makeDatabase(`x'; touch ${name}; $(touch ${name}) \`touch ${name}\` "q".db`);
  const r = await sqliteOverSshCheck.run(target(sshd, file), ctx());
  const ran = canaries.filter((c) => fs.existsSync(c));
  for (const c of ran) fs.rmSync(c);
  assert.equal(r.observation.BODY, 'ok', r.message);
  assert.deepEqual(ran, []);
});

test('a wrong host key never reaches the file', async () => {
  const r = await sqliteOverSshCheck.run({ ...target(sshd, '/x.db'), hostKey: sshd.rsaHostKeyFingerprint }, ctx());
  assert.equal(r.reached, false);
  assert.equal(r.evidence.hostKey, 'mismatch');
});

test('the file word: ~/ means the login home, a leading "-" cannot become an sqlite3 option', () => {
  assert.equal(remoteFileWord('/srv/app.db'), `'/srv/app.db'`);
  assert.equal(remoteFileWord('~/data/app db.sqlite'), `"$HOME"/'data/app db.sqlite'`);
  assert.equal(remoteFileWord('-cmd.db'), `'./-cmd.db'`);
  assert.equal(remoteFileWord(`a'b`), `'a'\\''b'`);
  const script = quickCheckScript('/srv/app.db');
  assert.match(script, /exec sqlite3 -readonly -batch -init \/dev\/null '\/srv\/app\.db' 'PRAGMA quick_check;' <\/dev\/null$/);
  assert.equal(sqliteOverSshCheck.describe(target(sshd, '/srv/app.db')), `root@127.0.0.1:${sshd.port} /srv/app.db`);
});
