import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rawRequest } from '../helpers/http-edge-clients.ts';
import { LISTENERS, type Listener } from './listeners.ts';

/** A POST that would change something, naming `host` (null: no Host line at all). */
function post(listener: Listener, host: string | null, version = '1.1') {
  const body = listener.acceptedBody();
  const head = [
    `POST ${listener.postPath} HTTP/${version}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    ...Object.entries(listener.headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
  ].join('\n');
  return rawRequest(listener.port, head, body);
}

for (const { name, start } of LISTENERS) {
  describe(`the Host header on ${name}`, () => {
    let listener: Listener;
    before(async () => {
      listener = await start();
    });
    after(() => listener.close());

    test('a request naming another site (DNS rebinding) or no site is refused, and changes nothing', async () => {
      const before = await listener.sideEffects();
      for (const host of ['evil.example', `evil.example:${listener.port}`, `127.0.0.1.evil.example:${listener.port}`, `localhost.evil.example:${listener.port}`, `[::2]:${listener.port}`]) {
        const answer = await post(listener, host);
        assert.equal(answer.status, 403, host);
        const body = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
        assert.equal(body.ok, false);
        assert.equal(body.error.code, 'FORBIDDEN', host);
        assert.match(body.error.message, /is not a loopback address/, host);
      }
      // HTTP/1.0 may omit Host; the listener refuses it. HTTP/1.1 without Host is a malformed request.
      assert.equal((await post(listener, null, '1.0')).status, 403, 'HTTP/1.0 without Host');
      assert.equal((await post(listener, null)).status, 400, 'HTTP/1.1 without Host');
      assert.deepEqual(await listener.sideEffects(), before, 'nothing was changed');
    });

    test('loopback names are served, whatever port they name (an SSH tunnel names its own)', async () => {
      for (const host of [`127.0.0.1:${listener.port}`, `localhost:${listener.port}`, `[::1]:${listener.port}`, 'localhost:8080']) {
        const answer = await post(listener, host);
        assert.equal(answer.status, 200, `${host}: ${answer.body}`);
      }
    });
  });
}
