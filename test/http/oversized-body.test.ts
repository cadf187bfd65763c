import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headOnlyRequest, rawRequest, streamedPost, type ReadAnswer } from '../helpers/http-edge-clients.ts';
import { LISTENERS, type Listener } from './listeners.ts';

// Each scenario is repeated: a server that closes with the body unread loses its answer to a TCP
// reset only some of the time, and one lucky run proves nothing.
const ROUNDS = 15;

function assertTooLarge(answer: ReadAnswer, listener: Listener, what: string): void {
  assert.equal(answer.status, 413, `${what}: status`);
  assert.equal(answer.headers.connection, 'close', `${what}: the connection is closed after the answer`);
  assert.match(answer.headers['content-type'] ?? '', /^application\/json/, what);
  const body = JSON.parse(answer.body) as { ok: boolean; error: { code: string; message: string } };
  assert.equal(body.ok, false, what);
  assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE', what);
  assert.match(body.error.message, new RegExp(`larger than ${listener.limit} bytes`), `${what}: the message names the limit`);
}

const headLines = (listener: Listener, extra: string[]) =>
  [`POST ${listener.postPath} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(listener.headers).map(([k, v]) => `${k}: ${v}`), ...extra, ''].join('\n');

for (const { name, start } of LISTENERS) {
  describe(`an oversized body on ${name}`, () => {
    let listener: Listener;
    before(async () => {
      listener = await start();
    });
    after(() => listener.close());

    // Well past the cap and past what socket buffers absorb, so the client is still writing when refused.
    const oversized = () => Buffer.from(JSON.stringify({ name: 'x'.repeat(Math.max(listener.limit * 3, 2 * 1024 * 1024)) }));

    test('a client that writes the whole declared body before reading gets the 413, every time', async () => {
      const body = oversized();
      for (let i = 0; i < ROUNDS; i++) {
        const answer = await rawRequest(listener.port, headLines(listener, [`Content-Length: ${body.length}`, 'Connection: keep-alive']), body);
        assertTooLarge(answer, listener, `round ${i}`);
      }
    });

    test('a chunked body that grows past the cap is refused with 413 and read to its end, every time', async () => {
      const body = oversized();
      for (let i = 0; i < ROUNDS; i++) {
        const chunked = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
        const answer = await rawRequest(listener.port, headLines(listener, ['Transfer-Encoding: chunked']), chunked);
        assertTooLarge(answer, listener, `round ${i}`);
      }
    });

    test('node:http streaming a large body reads the 413, declared or chunked', async () => {
      const body = oversized();
      for (let i = 0; i < ROUNDS; i++) {
        assertTooLarge(await streamedPost(listener.port, listener.postPath, { ...listener.headers, 'Content-Length': body.length }, body), listener, `declared ${i}`);
        assertTooLarge(await streamedPost(listener.port, listener.postPath, listener.headers, body), listener, `chunked ${i}`);
      }
    });

    test('a declared length over the cap is answered at once, before any of the body is sent', async () => {
      const answer = await headOnlyRequest(listener.port, headLines(listener, [`Content-Length: ${listener.limit * 1000}`]));
      answer.socket.destroy();
      assertTooLarge(answer, listener, 'head only');
    });

    test('nothing refused had an effect, and the listener still takes a body within the cap', async () => {
      const before = await listener.sideEffects();
      const refused = await rawRequest(listener.port, headLines(listener, [`Content-Length: ${listener.limit + 1}`, 'Connection: close']), 'z'.repeat(listener.limit + 1));
      assert.equal(refused.status, 413);
      assert.deepEqual(await listener.sideEffects(), before);
      const accepted = listener.acceptedBody();
      const answer = await rawRequest(listener.port, headLines(listener, [`Content-Length: ${Buffer.byteLength(accepted)}`, 'Connection: close']), accepted);
      assert.equal(answer.status, 200, answer.body);
      assert.notDeepEqual(await listener.sideEffects(), before);
    });
  });
}
