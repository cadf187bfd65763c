import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentHistory } from '../../../../preload/schemas/agents.ts';
import { curlSnippet, durationPoints, outcomeBuckets, presencePoints } from '../../../../renderer/views/agents/agent-labels.ts';

const H = 3_600_000;
const history: AgentHistory = {
  agentId: 1,
  from: 0,
  to: 24 * H,
  presenceAtStart: 'OFFLINE',
  presence: [
    { at: 2 * H, from: 'OFFLINE', to: 'IDLE', reason: '' },
    { at: 3 * H, from: 'IDLE', to: 'ONLINE', reason: '' },
  ],
  tasks: [
    { taskId: 'a', title: 'a', startedAt: 2 * H, finishedAt: 3 * H, outcome: 'success', durationMs: H, quality: null },
    { taskId: 'b', title: 'b', startedAt: null, finishedAt: 3.5 * H, outcome: 'failure', durationMs: 10, quality: null },
    { taskId: 'c', title: 'c', startedAt: 23 * H, finishedAt: null, outcome: null, durationMs: null, quality: null },
    { taskId: 'd', title: 'd', startedAt: null, finishedAt: 24 * H, outcome: 'success', durationMs: null, quality: null },
  ],
  tasksTruncated: false,
};

test('presence timeline: the state at the start, each transition, and the state carried to the end', () => {
  assert.deepEqual(presencePoints(history), [
    { t: 0, level: 0 },
    { t: 2 * H, level: 2 },
    { t: 3 * H, level: 3 },
    { t: 24 * H, level: 3 },
  ]);
});

test('outcome buckets count finished tasks only; the range end falls in the last bucket', () => {
  const rows = outcomeBuckets(history, 24);
  assert.equal(rows.length, 24);
  assert.deepEqual(rows[3], { t: 3 * H, success: 1, failure: 1 });
  assert.deepEqual(rows[23], { t: 23 * H, success: 1, failure: 0 });
  assert.equal(rows.reduce((n, r) => n + r.success + r.failure, 0), 3, 'the open task is not an outcome');
});

test('durations: only finished tasks that have one', () => {
  assert.deepEqual(durationPoints(history), [
    { t: 3 * H, durationMs: H, outcome: 'success' },
    { t: 3.5 * H, durationMs: 10, outcome: 'failure' },
  ]);
});

test('curl snippet: the real ingest address, every endpoint, a key on task events', () => {
  const s = curlSnippet('http://127.0.0.1:7718/', '<token>');
  assert.match(s, /curl -fsS -m 10 -X POST http:\/\/127\.0\.0\.1:7718\/ping\/<token>\n/);
  for (const path of ['/start', '/finish', '/status']) assert.ok(s.includes(`http://127.0.0.1:7718/ping/<token>${path}`), path);
  assert.match(s, /"key":"build-42:start"/);
  assert.match(s, /"key":"build-42:finish"/);
});
