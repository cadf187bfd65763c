import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { endAfterDraining } from '../../main/http/drain-request.ts';
import { closeServer, listen } from '../helpers/loopback-servers.ts';
import { headOnlyRequest } from '../helpers/http-edge-clients.ts';

/** A listener that refuses every request at once and drains within `limits`. */
async function refusingServer(limits: { maxBytes: number; timeoutMs: number }) {
  const server = http.createServer((req, res) => {
    const payload = '{"ok":false}';
    res.writeHead(413, { 'Content-Length': Buffer.byteLength(payload), Connection: 'close' });
    endAfterDraining(req, res, payload, limits);
  });
  return { server, port: await listen(server) };
}

test('a client that trickles its body forever is answered at once and cut off after the drain timeout', async (t) => {
  const { server, port } = await refusingServer({ maxBytes: 1024 * 1024, timeoutMs: 300 });
  t.after(() => closeServer(server));
  const started = Date.now();
  const answer = await headOnlyRequest(port, 'POST / HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 1000000\n');
  assert.equal(answer.status, 413);
  const trickle = setInterval(() => answer.socket.write('x'), 50);
  answer.socket.on('error', () => {});
  await once(answer.socket, 'close');
  clearInterval(trickle);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 250 && elapsed < 3_000, `closed after ${elapsed} ms`);
});

test('a client that sends more than the drain cap is cut off without waiting for the rest', async (t) => {
  const { server, port } = await refusingServer({ maxBytes: 64 * 1024, timeoutMs: 60_000 });
  t.after(() => closeServer(server));
  const answer = await headOnlyRequest(port, 'POST / HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 100000000\n');
  assert.equal(answer.status, 413);
  answer.socket.on('error', () => {});
  const closed = once(answer.socket, 'close');
  const chunk = Buffer.alloc(16 * 1024, 'x');
  let sent = 0;
  const pump = setInterval(() => {
    if (!answer.socket.destroyed) answer.socket.write(chunk);
    sent += chunk.length;
  }, 5);
  await closed;
  clearInterval(pump);
  assert.ok(sent < 10 * 1024 * 1024, `the server stopped reading after ${sent} bytes were sent`);
});

test('a body already complete is not waited for: the answer ends at once', async (t) => {
  const { server, port } = await refusingServer({ maxBytes: 1024, timeoutMs: 60_000 });
  t.after(() => closeServer(server));
  const answer = await headOnlyRequest(port, 'POST / HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 5\n\nhello');
  assert.equal(answer.status, 413);
  await once(answer.socket, 'end');
  answer.socket.destroy();
});
