import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { tcpCheck } from '../../../main/monitors/checks/tcp.ts';
import { activeResources, closeServer, freePort, listen, openConnections, waitFor } from '../../helpers/loopback-servers.ts';
import { runInNetns } from '../../helpers/netns.ts';
import { ctx, defaultsHold, holds, target, timed } from './check-harness.ts';

let server: net.Server;
let port: number;
let accepted = 0;

before(async () => {
  server = net.createServer((s) => {
    accepted++;
    s.on('error', () => {});
    s.resume();
  });
  port = await listen(server);
});

after(() => closeServer(server));

test('an open port: connected, with the connect time, and the connection is closed again', async () => {
  const before = activeResources();
  const r = await tcpCheck.run(target('tcp', { host: '127.0.0.1', port }), ctx());
  assert.equal(r.reached, true, r.message);
  assert.equal(r.observation.CONNECTED, true);
  assert.equal(typeof r.latencyMs, 'number');
  assert.equal(r.observation.RESPONSE_TIME, r.latencyMs);
  assert.match(r.message, new RegExp(`^connected to 127\\.0\\.0\\.1:${port} in [\\d.]+ ms$`));
  assert.ok(defaultsHold(r, tcpCheck.defaultConditions));
  assert.ok(holds(r, '[RESPONSE_TIME] < 1s'));
  await waitFor('the server to see the check hang up', async () => (await openConnections(server)) === 0);
  assert.ok((activeResources().Timeout ?? 0) <= (before.Timeout ?? 0), 'no timer left behind');
});

test('a refused port: reached false with the OS error and the defaults fail', async () => {
  const closed = await freePort();
  const r = await tcpCheck.run(target('tcp', { host: '127.0.0.1', port: closed }), ctx());
  assert.equal(r.reached, false);
  assert.equal(r.message, `connect ECONNREFUSED 127.0.0.1:${closed}`);
  assert.equal(r.observation.CONNECTED, false);
  assert.equal(r.latencyMs, null);
  assert.equal(r.evidence.code, 'ECONNREFUSED');
  assert.equal(defaultsHold(r, tcpCheck.defaultConditions), false);
});

test('a SYN that goes nowhere: timed out within the budget', async () => {
  // In a private network namespace, to an address behind a veth whose far end is down.
  const { result: r, ms } = await runInNetns('tcp-black-hole');
  assert.equal(r.reached, false);
  assert.equal(r.message, '192.0.2.2:80: timed out after 300 ms');
  assert.equal(r.observation.CONNECTED, false);
  assert.ok(ms < 800, `took ${ms} ms`);
});

test('an abort before the connect completes: reached false, said so, nothing accepted afterwards', async () => {
  const controller = new AbortController();
  controller.abort();
  const acceptedBefore = accepted;
  const { value: r, ms } = await timed(() => tcpCheck.run(target('tcp', { host: '127.0.0.1', port }), ctx(5_000, controller.signal)));
  assert.equal(r.reached, false);
  assert.equal(r.message, `127.0.0.1:${port}: aborted`);
  assert.ok(ms < 100, `took ${ms} ms`);
  await new Promise((res) => setTimeout(res, 50));
  assert.equal(accepted, acceptedBefore);
});

test('an engine timeout signal (AbortSignal.timeout) is reported as a timeout', async () => {
  const r = await tcpCheck.run(target('tcp', { host: '127.0.0.1', port }), { signal: AbortSignal.abort(new DOMException('t', 'TimeoutError')), timeoutMs: 250 });
  assert.equal(r.message, `127.0.0.1:${port}: timed out after 250 ms`);
});

test('describe brackets IPv6 literals', () => {
  assert.equal(tcpCheck.describe(target('tcp', { host: 'db.internal', port: 5432 })), 'db.internal:5432');
  assert.equal(tcpCheck.describe(target('tcp', { host: '::1', port: 22 })), '[::1]:22');
});
