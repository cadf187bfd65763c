import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitorSummary } from '../../../preload/contract.ts';
import type { MonitorCollection } from '../../../renderer/state/monitor-collection.ts';
import { createMonitorsStore } from '../../../renderer/state/monitors-store.ts';
import { deferred, fakeClient, monitorNamed } from '../fake-client.ts';

const names = (col: MonitorCollection) => col.order.map((id) => col.byId.get(id)!.name);
const settle = () => new Promise((r) => setTimeout(r, 0));

test('the list comes from listMonitors once, then only from events, merged by id', async () => {
  const fake = fakeClient({ listMonitors: () => Promise.resolve([monitorNamed(1, 'a'), monitorNamed(2, 'b')]) });
  const { store, dispose } = createMonitorsStore(fake.client);
  assert.equal(store.getState().status, 'loading');
  await settle();
  assert.deepEqual(names(store.getState().collection), ['a', 'b']);

  fake.emit('monitorsUpdated', { monitors: [monitorNamed(2, 'b', { status: 'DOWN', reason: 'refused' })] });
  const col = store.getState().collection;
  assert.deepEqual(names(col), ['b', 'a'], 'only b was sent; a is kept, and the DOWN one comes first');
  assert.equal(col.byId.get(2)!.reason, 'refused');
  assert.equal(col.counts.DOWN, 1);

  fake.emit('monitorsUpdated', { monitors: [monitorNamed(3, 'c')] });
  assert.deepEqual(names(store.getState().collection), ['b', 'a', 'c']);
  fake.emit('monitorRemoved', { id: 2 });
  assert.deepEqual(names(store.getState().collection), ['a', 'c']);
  assert.equal(store.getState().collection.counts.DOWN, 0);
  dispose();
});

test('mutations resolve with the core answer and leave the list to the events', async () => {
  const saved = monitorNamed(7, 'new');
  const fake = fakeClient({
    listMonitors: () => Promise.resolve([monitorNamed(1, 'a')]),
    saveMonitor: () => Promise.resolve(saved),
    removeMonitor: () => Promise.resolve({ removed: true }),
    setMonitorPaused: () => Promise.resolve(monitorNamed(1, 'a', { paused: true })),
  });
  const { store, dispose } = createMonitorsStore(fake.client);
  await settle();
  const before = store.getState().collection;
  assert.equal(await store.getState().save({ name: 'new', target: { kind: 'tcp', host: 'h', port: 1 } }), saved);
  await store.getState().setPaused(1, true);
  await store.getState().remove(1);
  assert.equal(store.getState().collection, before, 'no mutation touched the list');
  assert.deepEqual(
    fake.calls.map((c) => c.method),
    ['listMonitors', 'saveMonitor', 'setMonitorPaused', 'removeMonitor'],
  );
  assert.deepEqual(fake.calls[2]!.input, { id: 1, paused: true });
  dispose();
});

test('changes that arrive while a list read is in flight are replayed on top of it', async () => {
  const slow = deferred<MonitorSummary[]>();
  const fake = fakeClient({ listMonitors: () => slow.promise });
  const { store, dispose } = createMonitorsStore(fake.client);
  fake.emit('monitorsUpdated', { monitors: [monitorNamed(3, 'created-meanwhile', { lastCheckedAt: 9_000 })] });
  fake.emit('monitorRemoved', { id: 1 });
  fake.emit('monitorsUpdated', { monitors: [monitorNamed(2, 'b', { status: 'DOWN', lastCheckedAt: 500 })] });
  // Whether or not the list already reflects these changes, replaying them settles it.
  slow.resolve([monitorNamed(1, 'a'), monitorNamed(2, 'b', { lastCheckedAt: 1_000 })]);
  await settle();
  const col = store.getState().collection;
  assert.deepEqual(names(col), ['b', 'created-meanwhile']);
  assert.equal(col.byId.get(2)!.status, 'UP', 'an update older than the list does not roll it back');
  assert.equal(store.getState().status, 'ready');
  dispose();
});

test('only the newest of two overlapping reads lands', async () => {
  const first = deferred<MonitorSummary[]>();
  const second = deferred<MonitorSummary[]>();
  const answers = [first.promise, second.promise];
  const fake = fakeClient({ listMonitors: () => answers.shift()! });
  const { store, dispose } = createMonitorsStore(fake.client);
  const again = store.getState().reload();
  second.resolve([monitorNamed(2, 'newer')]);
  await again;
  first.resolve([monitorNamed(1, 'older')]);
  await settle();
  assert.deepEqual(names(store.getState().collection), ['newer']);
  dispose();
});

test('read again whenever live updates come (back) up; a failure after data keeps the data', async () => {
  let fail = false;
  const fake = fakeClient({ listMonitors: () => (fail ? Promise.reject(new Error('boom')) : Promise.resolve([monitorNamed(1, 'a')])) });
  const { store, dispose } = createMonitorsStore(fake.client);
  const lists = () => fake.calls.filter((c) => c.method === 'listMonitors').length;
  await settle();
  fake.setConnection('live');
  assert.equal(lists(), 2);
  fail = true;
  fake.setConnection('retrying');
  fake.setConnection('live');
  assert.equal(lists(), 3);
  await settle();
  assert.equal(store.getState().status, 'ready');
  assert.equal(store.getState().error?.message, 'boom');
  assert.deepEqual(names(store.getState().collection), ['a']);
  dispose();
  fake.emit('monitorRemoved', { id: 1 });
  assert.deepEqual(names(store.getState().collection), ['a'], 'a disposed store stops listening');
});

test('a failed first load is reported as failed', async () => {
  const fake = fakeClient({ listMonitors: () => Promise.reject(new Error('down')) });
  const { store, dispose } = createMonitorsStore(fake.client);
  await settle();
  assert.equal(store.getState().status, 'failed');
  assert.equal(store.getState().error?.message, 'down');
  dispose();
});
