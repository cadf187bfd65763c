import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectionFrom, EMPTY_COLLECTION, mergeMonitors, removeMonitor, STATUS_ORDER, type MonitorCollection } from '../../../renderer/state/monitor-collection.ts';
import { monitorNamed } from '../fake-client.ts';

const names = (col: MonitorCollection) => col.order.map((id) => col.byId.get(id)!.name);

test('worst status first, then by name (natural order, any case), then by id', () => {
  const col = collectionFrom([
    monitorNamed(1, 'web-10'),
    monitorNamed(2, 'web-9'),
    monitorNamed(3, 'Api', { status: 'DOWN' }),
    monitorNamed(4, 'db', { status: 'PENDING' }),
    monitorNamed(5, 'api', { status: 'DOWN' }),
    monitorNamed(6, 'cache', { status: 'UNKNOWN' }),
  ]);
  assert.deepEqual(names(col), ['Api', 'api', 'cache', 'db', 'web-9', 'web-10']);
  assert.deepEqual(STATUS_ORDER, ['DOWN', 'UNKNOWN', 'PENDING', 'DEGRADED', 'MAINTENANCE', 'UP']);
  assert.deepEqual(col.counts, { DOWN: 2, UNKNOWN: 1, PENDING: 1, DEGRADED: 0, MAINTENANCE: 0, UP: 2 });
});

test('an update that keeps status and name replaces the summary but not the order array', () => {
  const before = collectionFrom([monitorNamed(1, 'a'), monitorNamed(2, 'b')]);
  const after = mergeMonitors(before, [monitorNamed(2, 'b', { lastLatencyMs: 42, lastCheckedAt: 2_000 })]);
  assert.equal(after.order, before.order, 'same array: nothing to re-sort');
  assert.notEqual(after.byId, before.byId, 'a new map, so subscribers see the change');
  assert.equal(after.byId.get(2)!.lastLatencyMs, 42);
  assert.equal(before.byId.get(2)!.lastLatencyMs, 1, 'the old collection is untouched');
  assert.deepEqual(after.counts, before.counts);
});

test('a status change re-sorts and moves the counts; a rename re-sorts', () => {
  const before = collectionFrom([monitorNamed(1, 'a'), monitorNamed(2, 'b'), monitorNamed(3, 'c')]);
  const down = mergeMonitors(before, [monitorNamed(3, 'c', { status: 'DOWN' })]);
  assert.deepEqual(names(down), ['c', 'a', 'b']);
  assert.equal(down.counts.UP, 2);
  assert.equal(down.counts.DOWN, 1);
  const renamed = mergeMonitors(down, [monitorNamed(1, 'z')]);
  assert.deepEqual(names(renamed), ['c', 'b', 'z']);
});

test('only the changed monitors arrive; the rest are kept; new ones join in order', () => {
  const before = collectionFrom([monitorNamed(1, 'a'), monitorNamed(2, 'c')]);
  const after = mergeMonitors(before, [monitorNamed(3, 'b')]);
  assert.deepEqual(names(after), ['a', 'b', 'c']);
  assert.equal(after.counts.UP, 3);
  assert.equal(mergeMonitors(after, []), after, 'an empty batch changes nothing');
});

test('a duplicate id in one list counts once', () => {
  const col = collectionFrom([monitorNamed(1, 'a', { status: 'DOWN' }), monitorNamed(1, 'a')]);
  assert.equal(col.byId.size, 1);
  assert.deepEqual(col.counts, { DOWN: 0, UNKNOWN: 0, PENDING: 0, DEGRADED: 0, MAINTENANCE: 0, UP: 1 });
});

test('removal drops the id from map, order and counts; an unknown id is a no-op', () => {
  const before = collectionFrom([monitorNamed(1, 'a', { status: 'DOWN' }), monitorNamed(2, 'b')]);
  const after = removeMonitor(before, 1);
  assert.deepEqual(names(after), ['b']);
  assert.equal(after.byId.has(1), false);
  assert.equal(after.counts.DOWN, 0);
  assert.equal(removeMonitor(after, 99), after);
  assert.equal(removeMonitor(EMPTY_COLLECTION, 1), EMPTY_COLLECTION);
});

test('skipOlder keeps what the list holds when a replayed update was checked earlier', () => {
  const list = collectionFrom([monitorNamed(1, 'a', { lastCheckedAt: 5_000, status: 'DOWN' })]);
  const replayed = mergeMonitors(list, [monitorNamed(1, 'a', { lastCheckedAt: 4_000 })], { skipOlder: true });
  assert.equal(replayed, list);
  const newer = mergeMonitors(list, [monitorNamed(1, 'a', { lastCheckedAt: 6_000 })], { skipOlder: true });
  assert.equal(newer.byId.get(1)!.status, 'UP');
  const edited = mergeMonitors(list, [monitorNamed(1, 'renamed', { lastCheckedAt: 5_000, status: 'DOWN' })], { skipOlder: true });
  assert.equal(edited.byId.get(1)!.name, 'renamed', 'an edit (same check time) is applied');
});

test('10,000 monitors: a batch of results without status changes does not sort', () => {
  const list = Array.from({ length: 10_000 }, (_, i) => monitorNamed(i + 1, `monitor-${i}`, { status: i % 50 === 0 ? 'DOWN' : 'UP' }));
  const col = collectionFrom(list);
  assert.equal(col.order.length, 10_000);
  const batch = list.slice(0, 500).map((m) => ({ ...m, lastCheckedAt: 9_999, lastLatencyMs: 7 }));
  const after = mergeMonitors(col, batch);
  assert.equal(after.order, col.order);
  assert.equal(after.byId.get(1)!.lastLatencyMs, 7);
  assert.equal(after.counts.DOWN, 200);
});

test('the incremental re-order gives exactly what a full sort gives, for few and for many moves', () => {
  const statuses = ['UP', 'DOWN', 'DEGRADED', 'PENDING', 'UNKNOWN', 'MAINTENANCE'] as const;
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const list = Array.from({ length: 3_000 }, (_, i) => monitorNamed(i + 1, `m-${Math.floor(random() * 500)}`));
  let col = collectionFrom(list);
  for (const moves of [1, 5, 60, 900, 1_500]) {
    const batch = Array.from({ length: moves }, () => {
      const m = col.byId.get(1 + Math.floor(random() * 3_000))!;
      return { ...m, status: statuses[Math.floor(random() * statuses.length)]!, name: random() < 0.2 ? `${m.name}x` : m.name };
    });
    batch.push(monitorNamed(10_000 + moves, `new-${moves}`));
    col = mergeMonitors(col, batch);
    assert.deepEqual(col.order, collectionFrom([...col.byId.values()]).order, `after ${moves} moves`);
    const counted = { DOWN: 0, UNKNOWN: 0, PENDING: 0, DEGRADED: 0, MAINTENANCE: 0, UP: 0 };
    for (const m of col.byId.values()) counted[m.status] += 1;
    assert.deepEqual(col.counts, counted, 'counts match the data');
  }
});
