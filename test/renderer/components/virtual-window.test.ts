import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameWindow, visibleWindow } from '../../../renderer/components/virtual-window.ts';

const base = { rowHeight: 50, viewportHeight: 500, overscan: 0 };

test('at the top: the rows that fit the viewport, and a spacer as tall as every row', () => {
  assert.deepEqual(visibleWindow({ ...base, scrollTop: 0, count: 10_000 }), { start: 0, end: 10, offsetTop: 0, totalHeight: 500_000 });
});

test('scrolled part-way into a row: that row and the one peeking in at the bottom are rendered', () => {
  const w = visibleWindow({ ...base, scrollTop: 1_025, count: 10_000 });
  assert.equal(w.start, 20);
  assert.equal(w.end, 31);
  assert.equal(w.offsetTop, 1_000);
});

test('overscan adds rows on both sides, clamped to the list', () => {
  assert.deepEqual(visibleWindow({ ...base, overscan: 3, scrollTop: 1_000, count: 10_000 }), { start: 17, end: 33, offsetTop: 850, totalHeight: 500_000 });
  assert.deepEqual(visibleWindow({ ...base, overscan: 3, scrollTop: 0, count: 5 }), { start: 0, end: 5, offsetTop: 0, totalHeight: 250 });
});

test('a scroll position past the end (the list just shrank) is clamped to the last screenful', () => {
  const w = visibleWindow({ ...base, scrollTop: 400_000, count: 30 });
  assert.equal(w.totalHeight, 1_500);
  assert.equal(w.start, 20);
  assert.equal(w.end, 30);
  assert.equal(w.offsetTop, 1_000);
});

test('negative scroll (overscroll bounce) is treated as the top', () => {
  assert.equal(visibleWindow({ ...base, scrollTop: -80, count: 100 }).start, 0);
});

test('empty list, zero-height viewport and bad row height render nothing or at least one row', () => {
  assert.deepEqual(visibleWindow({ ...base, scrollTop: 0, count: 0 }), { start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  assert.deepEqual(visibleWindow({ ...base, rowHeight: 0, scrollTop: 0, count: 10 }), { start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  const unmeasured = visibleWindow({ ...base, viewportHeight: 0, scrollTop: 0, count: 10 });
  assert.equal(unmeasured.end - unmeasured.start, 1);
});

test('the number of rendered rows does not grow with the list', () => {
  for (const count of [100, 10_000, 1_000_000]) {
    const w = visibleWindow({ ...base, overscan: 6, scrollTop: (count * 50) / 2, count });
    assert.ok(w.end - w.start <= 10 + 1 + 12, `${count} rows render ${w.end - w.start}`);
  }
});

test('sameWindow tells when a scroll needs no re-render', () => {
  const a = visibleWindow({ ...base, scrollTop: 1_025, count: 100 });
  assert.ok(sameWindow(a, visibleWindow({ ...base, scrollTop: 1_040, count: 100 })), 'still rows 20 to 30');
  assert.ok(!sameWindow(a, visibleWindow({ ...base, scrollTop: 1_060, count: 100 })), 'row 20 left the viewport');
  assert.ok(!sameWindow(a, visibleWindow({ ...base, scrollTop: 1_025, count: 101 })), 'the spacer height changed');
});
