import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEventStream } from '../../../renderer/api/event-stream.ts';
import type { ConnectionState } from '../../../renderer/api/types.ts';

const sse = (text: string) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );

function until(check: () => boolean, ms = 2_000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (check() ? resolve() : Date.now() - start > ms ? reject(new Error('timed out')) : setTimeout(tick, 2));
    tick();
  });
}

test('delivers events, reconnects after a drop, and stops for good on 401', async () => {
  const answers = [
    () => sse('event: settingsChanged\ndata: {"theme":"dark","staleAfterSeconds":60}\n\n'),
    () => Promise.reject(new TypeError('connection refused')),
    () => new Response('{}', { status: 401 }),
  ];
  const requests: RequestInit[] = [];
  const states: ConnectionState[] = [];
  const events: [string, unknown][] = [];
  openEventStream({
    url: 'http://127.0.0.1:1/api/events',
    token: 'tok',
    retry: { initialMs: 1, maxMs: 4 },
    fetch: (_url, init) => {
      requests.push(init ?? {});
      const next = answers.shift();
      if (!next) throw new Error('should have stopped after the 401');
      return Promise.resolve(next());
    },
    onEvent: (name, payload) => events.push([name, payload]),
    onState: (s) => states.push(s),
  });
  await until(() => states.at(-1) === 'rejected');
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(events, [['settingsChanged', { theme: 'dark', staleAfterSeconds: 60 }]]);
  assert.deepEqual(states, ['live', 'retrying', 'retrying', 'rejected']);
  assert.equal(requests.length, 3);
  assert.deepEqual(requests[0]?.headers, { Authorization: 'Bearer tok', Accept: 'text/event-stream' });
});

test('close() ends the retry loop', async () => {
  let calls = 0;
  const stream = openEventStream({
    url: 'http://127.0.0.1:1/api/events',
    token: 'tok',
    retry: { initialMs: 1, maxMs: 1 },
    fetch: () => {
      calls += 1;
      return Promise.reject(new TypeError('down'));
    },
    onEvent: () => {},
    onState: () => {},
  });
  await until(() => calls >= 2);
  stream.close();
  const seen = calls;
  await new Promise((r) => setTimeout(r, 30));
  assert.ok(calls <= seen + 1, `still fetching after close (${seen} → ${calls})`);
});

test('a silent stream counts as dead and is reopened', async () => {
  let calls = 0;
  const states: ConnectionState[] = [];
  const stream = openEventStream({
    url: 'http://127.0.0.1:1/api/events',
    token: 'tok',
    retry: { initialMs: 1, maxMs: 1 },
    idleMs: 20,
    fetch: (_url, init) => {
      calls += 1;
      // Never writes and never ends, like a socket on the far side of a dropped VPN.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          init?.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
        },
      });
      return Promise.resolve(new Response(body, { status: 200 }));
    },
    onEvent: () => {},
    onState: (s) => states.push(s),
  });
  await until(() => calls >= 2);
  stream.close();
  assert.deepEqual(states.slice(0, 3), ['live', 'retrying', 'live']);
});
