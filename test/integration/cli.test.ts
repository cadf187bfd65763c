import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pkg from '../../package.json' with { type: 'json' };
import { makeTempDir } from '../helpers/temp-dir.ts';

// The real artifact a user runs: bin/photon.mjs → out/main/cli.mjs (built by `npm test` first).
const BIN = path.resolve('bin/photon.mjs');
const photon = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, XDG_DATA_HOME: '/nonexistent-photon-test' } });

test('photon --version prints the package version', () => {
  const r = photon('--version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `${pkg.version}\n`);
});

test('photon --help lists serve and the exit codes', () => {
  const r = photon('--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /serve\s+run the console/);
  assert.match(r.stdout, /Exit codes: 0 success, 1 failure, 2 wrong usage/);
  assert.match(photon('serve', '--help').stdout, /--allow-remote/);
});

for (const [args, message] of [
  [['serve', '--port', 'abc'], /photon serve: --port must be a whole number from 0 to 65535 \(got "abc"\)/],
  [['serve', '--port', '70000'], /--port must be a whole number from 0 to 65535 \(got "70000"\)/],
  [['serve', '--port', '-1'], /photon serve: /],
  [['serve', '--colour'], /photon serve: Unknown option '--colour'/],
  [['serve', '--host', '0.0.0.0'], /refusing to bind 0\.0\.0\.0, which is not a loopback address; add --allow-remote/],
  [['serve', 'extra'], /photon serve: .*positional/i],
  [['deploy'], /photon: unknown command "deploy"/],
  [[], /Usage: photon <command>/],
] as const) {
  test(`photon ${args.join(' ')} → exit 2 with a clear message`, () => {
    const r = photon(...args);
    assert.equal(r.status, 2, r.stderr + r.stdout);
    assert.match(r.stderr + r.stdout, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace for a usage error');
  });
}

test('photon serve refuses a database from a newer version with exit 1 and leaves it alone', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, 'photon.db');
  const db = new Database(file);
  db.pragma('user_version = 999');
  db.close();
  const before = fs.readFileSync(file);
  const r = photon('serve', '--data-dir', dir, '--port', '0');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /written by a newer Photon Console \(schema version 999/);
  assert.deepEqual(fs.readFileSync(file), before);
});

test('photon serve prints a tokenised loopback URL, answers with the token only, and stops cleanly on SIGTERM', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/)#token=([\w-]+)/.exec(out);
      if (m) resolve(`${m[1]}#token=${m[2]}`);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const base = url.split('#')[0]!;
  const token = url.split('#token=')[1]!;
  assert.ok(token.length >= 40, 'a 256-bit token');
  assert.equal((await fetch(`${base}api/listProjects`, { method: 'POST' })).status, 401);
  const ok = await fetch(`${base}api/listProjects`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  assert.deepEqual(await ok.json(), { ok: true, value: [] });
  assert.ok(fs.existsSync(path.join(dir, 'photon.db')));

  // A second engine on the same data directory would run every check twice: refused.
  const second = photon('serve', '--data-dir', dir, '--port', '0');
  assert.equal(second.status, 1);
  assert.match(second.stderr, new RegExp(`is in use by another Photon Console \\(pid ${child.pid}\\)`));

  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.ok(!fs.existsSync(path.join(dir, 'photon.lock')), 'the lock is released on exit');
});

describe('photon check', () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/ok') res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
      else res.writeHead(503).end('down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const photonAsync = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { timeout: 20_000 }, (err, stdout, stderr) =>
        resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  test('an UP http check exits 0 and shows each condition with the observed value', async () => {
    const r = await photonAsync('check', 'http', `${base}/ok`, '--condition', '[STATUS] == 200', '--condition', '[BODY].status == ok');
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /^UP\s+http GET http:\/\/127\.0\.0\.1:\d+\/ok/);
    assert.match(r.stdout, /pass {2}\[STATUS\] \(200\) == 200/);
    assert.match(r.stdout, /pass {2}\[BODY\]\.status \(ok\) == ok/);
  });

  test('a failing condition exits 1 and names it; --json gives the whole result', async () => {
    const r = await photonAsync('check', 'http', `${base}/broken`, '--json');
    assert.equal(r.status, 1);
    const json = JSON.parse(r.stdout);
    assert.equal(json.outcome, 'down');
    assert.equal(json.conditions[0].detail, '[STATUS] (503) < 400');
    assert.equal(json.evidence.status, 503);
  });

  test('a refused TCP port is DOWN with the OS reason, exit 1', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await photonAsync('check', 'tcp', `127.0.0.1:${port}`);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^DOWN/);
    assert.match(r.stdout, /ECONNREFUSED/);
  });

  for (const [args, message] of [
    [['check', 'http', `ftp://127.0.0.1/`], /url must be an absolute http/],
    [['check', 'smtp', 'x'], /unknown kind "smtp"/],
    [['check', 'http'], /expected <kind> <target>/],
    [['check', 'tcp', '127.0.0.1'], /needs a port/],
    [['check', 'http', 'http://127.0.0.1/', '--condition', '[STATUS] = 200'], /--condition #1: expected one of .* at column 10/],
    [['check', 'ssh', 'root@127.0.0.1', '--host-key', 'nope'], /hostKey must be an OpenSSH SHA256 fingerprint/],
    [['check', 'postgres', 'postgres://u:secret@127.0.0.1/db'], /put no password in the URL/],
    [['check', 'ping', '127.0.0.1', '--timeout', 'soon'], /--timeout must be a number of seconds/],
  ] as const) {
    test(`photon ${args.join(' ')} → exit 2`, async () => {
      const r = await photonAsync(...args);
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
    });
  }
});
