import { test } from 'node:test';
import assert from 'node:assert/strict';
import { throttle } from '../../../renderer/state/throttle.ts';

test('leading call at once, a burst folded into one trailing call, cancel drops a pending one', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  let runs = 0;
  const th = throttle(() => runs++, 1_000);
  th.call();
  assert.equal(runs, 1);
  th.call();
  th.call();
  assert.equal(runs, 1);
  t.mock.timers.tick(999);
  assert.equal(runs, 1);
  t.mock.timers.tick(1);
  assert.equal(runs, 2, 'the last change of a burst is never lost');
  t.mock.timers.tick(5_000);
  th.call();
  assert.equal(runs, 3, 'after a quiet spell: at once again');
  th.call();
  th.cancel();
  t.mock.timers.tick(5_000);
  assert.equal(runs, 3);
});
