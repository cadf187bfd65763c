import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../renderer/api/api-error.ts';
import { createHttpClient } from '../../../renderer/api/http-client.ts';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('a call is a POST to /api/<method> with the bearer token and a JSON body', async () => {
  const seen: { url: string; init: RequestInit }[] = [];
  const client = createHttpClient({
    origin: 'http://127.0.0.1:7717',
    token: 'tok',
    fetch: (url, init) => {
      seen.push({ url: String(url), init: init ?? {} });
      return Promise.resolve(json(200, { ok: true, value: { removed: true } }));
    },
  });
  assert.equal(client.transport, 'http');
  assert.deepEqual(await client.removeProject({ id: 'p1' }), { removed: true });
  assert.equal(seen[0]?.url, 'http://127.0.0.1:7717/api/removeProject');
  assert.equal(seen[0]?.init.method, 'POST');
  assert.equal((seen[0]?.init.headers as Record<string, string>).Authorization, 'Bearer tok');
  assert.equal(seen[0]?.init.body, '{"id":"p1"}');
});

test('errors: the envelope error, an unreachable server, and a non-JSON answer all become ApiError', async () => {
  const answers: (() => Promise<Response>)[] = [
    () => Promise.resolve(json(409, { ok: false, error: { code: 'CONFLICT', message: 'A project named "a" already exists', field: 'name' } })),
    () => Promise.reject(new TypeError('Failed to fetch')),
    () => Promise.resolve(new Response('<html>proxy error</html>', { status: 502, statusText: 'Bad Gateway' })),
  ];
  const client = createHttpClient({ origin: 'http://127.0.0.1:7717', token: 'tok', fetch: () => answers.shift()!() });
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => assert.fail('should have failed'),
      (err: unknown) => (assert.ok(err instanceof ApiError), [err.code, err.field]),
    );
  assert.deepEqual(await codeOf(client.addProject({ name: 'a' })), ['CONFLICT', 'name']);
  assert.deepEqual(await codeOf(client.listProjects({})), ['UNAVAILABLE', undefined]);
  assert.deepEqual(await codeOf(client.getSettings({})), ['INTERNAL', undefined]);
});
