import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoopRegistry, startIntervalLoop } from '../../main/loops/loop-registry.ts';

test('loop health is derived from reported runs: idle, ok, failing, late, stopped', async () => {
  let now = 1_000_000;
  const loops = new LoopRegistry(() => now);
  const r = loops.register('sweep', 'test loop', 10_000);
  const state = () => loops.list()[0]!.state;
  assert.equal(state(), 'idle', 'never run, nothing planned');
  r.scheduled(now + 10_000);
  assert.equal(state(), 'idle', 'planned but not yet run');
  await r.run(() => {});
  assert.equal(state(), 'ok');
  await r.run(() => {
    throw new Error('disk full');
  });
  assert.equal(state(), 'failing');
  const h = loops.list()[0]!;
  assert.deepEqual([h.runs, h.errors, h.lastError], [2, 1, 'disk full']);
  await r.run(() => {});
  assert.equal(state(), 'ok', 'a good run clears failing; the error count stays');
  r.scheduled(now + 10_000);
  now += 10_000 + 3 * 10_000 + 1;
  assert.equal(state(), 'late', 'due long ago and not run');
  r.stopped();
  assert.equal(state(), 'stopped');
  assert.throws(() => loops.register('sweep', 'again', 1), /registered twice/);
});

test('an interval loop runs on schedule, reports its runs, and stops cleanly', async () => {
  const loops = new LoopRegistry();
  let runs = 0;
  const loop = startIntervalLoop(loops.register('tick', 'test', 20), 20, () => void runs++, 0);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await loop.stop();
  const after = runs;
  assert.ok(after >= 3, `ran ${after} times`);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, after, 'no run after stop');
  assert.equal(loops.list()[0]!.state, 'stopped');
  assert.equal(loops.list()[0]!.runs, after);
});
