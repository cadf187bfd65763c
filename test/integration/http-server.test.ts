import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startHttpServer, type RunningServer } from '../../main/server/http-server.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const TOKEN = 'a-very-secret-token';

describe('photon serve HTTP transport', () => {
  let server: RunningServer;
  let core: ReturnType<typeof startTestCore>;
  let staticDir: { dir: string; cleanup: () => void };

  before(async () => {
    core = startTestCore();
    staticDir = makeTempDir();
    fs.writeFileSync(path.join(staticDir.dir, 'index.html'), '<!doctype html><title>shell</title>');
    fs.mkdirSync(path.join(staticDir.dir, 'assets'));
    fs.writeFileSync(path.join(staticDir.dir, 'assets', 'app.js'), 'console.log(1)');
    server = await startHttpServer({ core, token: TOKEN, staticDir: staticDir.dir, host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    core.dispose();
    staticDir.cleanup();
  });

  const api = (method: string, init: RequestInit = {}) =>
    fetch(`${server.url}api/${method}`, { method: 'POST', ...init });
  const authed = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${TOKEN}`, ...extra });

  test('no token → 401 with a hint, and nothing runs', async () => {
    const res = await api('addProject', { body: JSON.stringify({ name: 'sneaky' }) });
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="photon"');
    const body = await res.json();
    assert.equal(body.error.code, 'UNAUTHORIZED');
    assert.match(body.error.message, /Authorization: Bearer/);
    assert.deepEqual(await core.dispatch('listProjects', {}), { ok: true, value: [] });
  });

  test('a wrong token, a token of another length and a non-Bearer scheme are all 401', async () => {
    for (const header of [`Bearer ${TOKEN.slice(0, -1)}x`, `Bearer ${TOKEN}extra`, `Basic ${TOKEN}`, `Bearer  ${TOKEN}`, 'Bearer']) {
      const res = await api('listProjects', { headers: { Authorization: header } });
      assert.equal(res.status, 401, header);
    }
  });

  test('the event stream needs the token too', async () => {
    const res = await fetch(`${server.url}api/events`);
    assert.equal(res.status, 401);
  });

  test('malformed JSON → 400 naming the problem', async () => {
    const res = await api('addProject', { headers: authed(), body: '{"name": "x",' });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error.code, 'BAD_REQUEST');
    assert.match(body.error.message, /^Request body is not valid JSON: /);
  });

  test('a body over 1 MiB is refused without being parsed', async () => {
    const res = await api('addProject', { headers: authed(), body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }) });
    assert.equal(res.status, 413);
    const body = await res.json();
    assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(body.error.message, /larger than 1048576 bytes/);
  });

  test('an empty body means no arguments', async () => {
    const res = await api('listProjects', { headers: authed() });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, value: [] });
  });

  test('GET on a method is refused; unknown methods are 404', async () => {
    assert.equal((await fetch(`${server.url}api/listProjects`, { headers: authed() })).status, 400);
    const res = await api('nope', { headers: authed(), body: '{}' });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error.code, 'UNKNOWN_METHOD');
  });

  test('a conflict is 409 with the field named; a missing project is 404', async () => {
    const first = await api('addProject', { headers: authed(), body: JSON.stringify({ name: 'Shop' }) });
    assert.equal(first.status, 200);
    const dup = await api('addProject', { headers: authed(), body: JSON.stringify({ name: 'shop' }) });
    assert.equal(dup.status, 409);
    assert.deepEqual((await dup.json()).error, { code: 'CONFLICT', message: 'A project named "shop" already exists', field: 'name' });
    const missing = await api('removeProject', { headers: authed(), body: JSON.stringify({ id: 'nope' }) });
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error.field, 'id');
  });

  test('a request naming a non-loopback Host is refused (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, path: '/api/listProjects', method: 'POST', headers: { Host: 'evil.example:80', ...authed() } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
  });

  test('the renderer is served with a strict CSP; traversal and unknown paths cannot escape the folder', async () => {
    const index = await fetch(server.url);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await index.text(), /<title>shell<\/title>/);
    const js = await fetch(`${server.url}assets/app.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    for (const p of ['%2e%2e/%2e%2e/etc/passwd', '..%2f..%2fsettings.json', 'assets/%00x']) {
      const res = await fetch(`${server.url}${p}`);
      const text = await res.text();
      assert.ok(!text.includes('root:'), p);
      assert.ok(res.status === 400 || text.includes('<title>shell</title>'), `${p} → ${res.status}`);
    }
  });

  test('events arrive over SSE after a change', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}api/events`, { headers: authed(), signal: controller.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.getReader();
    await api('addProject', { headers: authed(), body: JSON.stringify({ name: 'Evented' }) });
    let text = '';
    while (!text.includes('Evented')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    assert.match(text, /event: projectsChanged\ndata: \{"projects":\[/);
  });
});

describe('photon serve binding', () => {
  test('a port already in use is an error, not a crash', async (t) => {
    const core = startTestCore();
    t.after(() => core.dispose());
    const first = await startHttpServer({ core, token: TOKEN, staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
    t.after(() => first.close());
    await assert.rejects(
      startHttpServer({ core, token: TOKEN, staticDir: core.dataDir, host: '127.0.0.1', port: first.port }),
      /EADDRINUSE/,
    );
  });
});
