import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Incident, LoopHealth, Overview } from '../../../preload/contract.ts';
import { createIncidentsStore } from '../../../renderer/state/incidents-store.ts';
import { createLoopsStore } from '../../../renderer/state/loops-store.ts';
import { createOverviewStore, OVERVIEW_REFRESH_MS } from '../../../renderer/state/overview-store.ts';
import { deferred, fakeClient, monitorNamed } from '../fake-client.ts';

const settle = () => new Promise((r) => setImmediate(r));

const incident = (id: number, monitorId: number, openedAt: number, closedAt: number | null = null): Incident => ({
  id,
  monitorId,
  monitorName: `m${monitorId}`,
  openedAt,
  closedAt,
  cause: 'refused',
  events: [],
});

const loop = (name: string, state: LoopHealth['state'] = 'ok'): LoopHealth => ({
  name,
  description: '',
  state,
  runs: 1,
  errors: 0,
  lastRunAt: 1,
  lastDurationMs: 1,
  lastError: null,
  nextRunAt: 2,
});

const overviewFor = (projectId: string | null, detail = 'ok'): Overview => ({
  projectId,
  declared: {},
  declaredSource: null,
  production: { status: 'UP', detail, measuredAt: 1, lastKnownGoodAt: 1 },
  rows: [],
  monitoring: { loopsOk: 1, loopsTotal: 1, measuredAt: 1 },
  staleAfterSeconds: 300,
});

test('incidents: newest first, merged by id from incidentsChanged, dropped with their monitor', async () => {
  const fake = fakeClient({ listIncidents: () => Promise.resolve([incident(1, 10, 100, 200), incident(2, 20, 300)]) });
  const { store, dispose } = createIncidentsStore(fake.client);
  await settle();
  assert.deepEqual(fake.calls[0]!.input, { limit: 100 });
  assert.deepEqual(store.getState().incidents.map((i) => i.id), [2, 1]);
  fake.emit('incidentsChanged', { incidents: [incident(2, 20, 300, 400), incident(3, 10, 500)] });
  assert.deepEqual(store.getState().incidents.map((i) => [i.id, i.closedAt]), [[3, null], [2, 400], [1, 200]]);
  fake.emit('monitorRemoved', { id: 10 });
  assert.deepEqual(store.getState().incidents.map((i) => i.id), [2]);
  dispose();
});

test('incidents: a read that started before an event is merged under it, not over it', async () => {
  const slow = deferred<Incident[]>();
  const fake = fakeClient({ listIncidents: () => slow.promise });
  const { store, dispose } = createIncidentsStore(fake.client);
  fake.emit('incidentsChanged', { incidents: [incident(1, 10, 100, 150)] });
  slow.resolve([incident(1, 10, 100), incident(0, 10, 50, 60)]);
  await settle();
  assert.deepEqual(store.getState().incidents.map((i) => [i.id, i.closedAt]), [[1, 150], [0, 60]]);
  dispose();
});

test('loops: listLoops, then each loopsChanged replaces the list; an older read does not win', async () => {
  const slow = deferred<LoopHealth[]>();
  const fake = fakeClient({ listLoops: () => slow.promise });
  const { store, dispose } = createLoopsStore(fake.client);
  fake.emit('loopsChanged', { loops: [loop('checks', 'late')] });
  slow.resolve([loop('checks')]);
  await settle();
  assert.equal(store.getState().loops[0]!.state, 'late');
  assert.equal(store.getState().status, 'ready');
  dispose();
});

test('overview: read while watched, re-read after events at most once per interval, never while unwatched', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const fake = fakeClient({ getOverview: () => Promise.resolve(overviewFor(null)) });
  const { store, dispose } = createOverviewStore(fake.client);
  const reads = () => fake.calls.filter((c) => c.method === 'getOverview').length;
  fake.emit('monitorsUpdated', { monitors: [monitorNamed(1, 'a')] });
  assert.equal(reads(), 0, 'nobody is looking: no read');

  const unwatch = store.getState().watch();
  assert.equal(reads(), 1, 'opening the view reads it');
  fake.emit('monitorsUpdated', { monitors: [monitorNamed(1, 'a')] });
  assert.equal(reads(), 2, 'the first change after a quiet spell shows at once');
  fake.emit('loopsChanged', { loops: [] });
  fake.emit('monitorRemoved', { id: 1 });
  assert.equal(reads(), 2, 'a burst waits');
  t.mock.timers.tick(OVERVIEW_REFRESH_MS);
  assert.equal(reads(), 3, 'and is folded into one read');
  t.mock.timers.tick(OVERVIEW_REFRESH_MS * 5);
  assert.equal(reads(), 3, 'nothing polls');

  unwatch();
  fake.emit('monitorsUpdated', { monitors: [monitorNamed(1, 'a')] });
  t.mock.timers.tick(OVERVIEW_REFRESH_MS * 5);
  assert.equal(reads(), 3, 'closed view: no reads');
  dispose();
});

test('overview: choosing a project clears the old one and ignores a slower answer for it', async () => {
  const answers = new Map([
    ['all', deferred<Overview>()],
    ['p1', deferred<Overview>()],
  ]);
  const fake = fakeClient({ getOverview: (input) => answers.get((input as { projectId?: string }).projectId ?? 'all')!.promise });
  const { store, dispose } = createOverviewStore(fake.client);
  const unwatch = store.getState().watch();
  store.getState().select('p1');
  assert.equal(store.getState().projectId, 'p1');
  assert.deepEqual(fake.calls.at(-1)!.input, { projectId: 'p1' });
  answers.get('p1')!.resolve(overviewFor('p1'));
  await settle();
  answers.get('all')!.resolve(overviewFor(null));
  await settle();
  assert.equal(store.getState().overview?.projectId, 'p1');
  store.getState().select(null);
  assert.equal(store.getState().overview, null, 'no overview of another project is shown meanwhile');
  unwatch();
  dispose();
});
