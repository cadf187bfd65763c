import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSseParser, type SseMessage } from '../../../renderer/api/sse-parser.ts';

function parse(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const feed = createSseParser((m) => out.push(m));
  chunks.forEach(feed);
  return out;
}

test('frames split anywhere across chunks come out whole', () => {
  const text = ': connected\n\nevent: projectsChanged\ndata: {"projects":[]}\n\nevent: settingsChanged\ndata: {"theme":"dark"}\n\n';
  const whole = parse([text]);
  assert.deepEqual(whole, [
    { event: 'projectsChanged', data: '{"projects":[]}' },
    { event: 'settingsChanged', data: '{"theme":"dark"}' },
  ]);
  for (let cut = 1; cut < text.length; cut++) assert.deepEqual(parse([text.slice(0, cut), text.slice(cut)]), whole, `cut at ${cut}`);
});

test('CRLF line ends, multi-line data and comments', () => {
  assert.deepEqual(parse(['event: a\r\ndata: one\r\n: keepalive\r\ndata:two\r\n\r\n']), [{ event: 'a', data: 'one\ntwo' }]);
});

test('a frame is not delivered before its blank line', () => {
  assert.deepEqual(parse(['event: a\ndata: 1\n']), []);
});
