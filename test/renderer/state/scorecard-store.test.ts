import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssessmentSummary, StoredAssessment } from '../../../preload/schemas/scorecard.ts';
import { createScorecardStore } from '../../../renderer/state/scorecard-store.ts';
import { deferred, fakeClient } from '../fake-client.ts';

const summary = (id: number, overall: number | null): AssessmentSummary => ({
  id,
  projectId: 'p1',
  assessedAt: `2026-01-0${id}T00:00:00.000Z`,
  tier: 'production',
  overall,
  categories: [],
  counts: { pass: 1, fail: 1, unknown: 0, not_applicable: 0 },
});
const stored = (id: number, overall: number | null) =>
  ({ summary: summary(id, overall), report: { overall: { score: overall } }, diff: { previousId: id > 1 ? id - 1 : null, overallDelta: null, categories: [], checks: [] } }) as unknown as StoredAssessment;
const settings = { projectId: 'p1', tier: 'production', targets: {}, overrides: {} };

test('selecting a project loads its settings, trend and latest assessment', async () => {
  const fake = fakeClient({
    getScorecardSettings: async () => settings,
    listAssessments: async () => [summary(1, 40), summary(2, 55)],
    getAssessment: async (input) => stored((input as { id: number }).id, 55),
  });
  const { store, dispose } = createScorecardStore(fake.client);
  store.getState().select('p1');
  await new Promise((r) => setImmediate(r));
  const s = store.getState();
  assert.deepEqual(s.history.map((h) => h.id), [1, 2]);
  assert.equal(s.current?.summary.id, 2);
  assert.deepEqual(fake.calls.map((c) => c.method).sort(), ['getAssessment', 'getScorecardSettings', 'listAssessments']);
  dispose();
});

test('progress comes from events; the stored result replaces the current one; no polling', async () => {
  const answer = deferred<StoredAssessment>();
  const fake = fakeClient({
    getScorecardSettings: async () => settings,
    listAssessments: async () => [],
    assessProject: () => answer.promise,
  });
  const { store, dispose } = createScorecardStore(fake.client);
  store.getState().select('p1');
  await new Promise((r) => setImmediate(r));
  const running = store.getState().assess();
  fake.emit('scorecardProgress', { projectId: 'p1', phase: 'checking', done: 8, total: 66, message: '8 of 66 checks' });
  assert.equal(store.getState().progress?.done, 8);
  fake.emit('scorecardProgress', { projectId: 'other', phase: 'checking', done: 60, total: 66, message: 'other project' });
  assert.equal(store.getState().progress?.done, 8, 'another project’s progress is ignored');
  fake.emit('assessmentsChanged', { projectId: 'p1', latest: summary(1, 30) });
  answer.resolve(stored(1, 30));
  await running;
  const s = store.getState();
  assert.equal(s.progress, null);
  assert.equal(s.current?.summary.id, 1);
  assert.deepEqual(s.history.map((h) => h.id), [1]);
  assert.equal(fake.calls.filter((c) => c.method === 'getAssessment').length, 0, 'its own run is not fetched again');
  dispose();
});

test('an assessment stored by another window is appended to the trend and shown', async () => {
  const fake = fakeClient({
    getScorecardSettings: async () => settings,
    listAssessments: async () => [summary(1, 40)],
    getAssessment: async (input) => stored((input as { id: number }).id, 70),
  });
  const { store, dispose } = createScorecardStore(fake.client);
  store.getState().select('p1');
  await new Promise((r) => setImmediate(r));
  fake.emit('assessmentsChanged', { projectId: 'p1', latest: summary(2, 70) });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(store.getState().history.map((h) => h.id), [1, 2]);
  assert.equal(store.getState().current?.summary.id, 2);
  dispose();
});

test('a failed assessment shows its error and clears the progress', async () => {
  const fake = fakeClient({
    getScorecardSettings: async () => settings,
    listAssessments: async () => [],
    assessProject: async () => Promise.reject(Object.assign(new Error('Project "x" has no repository path'), { code: 'BAD_REQUEST' })),
  });
  const { store, dispose } = createScorecardStore(fake.client);
  store.getState().select('p1');
  await new Promise((r) => setImmediate(r));
  await store.getState().assess();
  assert.equal(store.getState().progress, null);
  assert.match(store.getState().error?.message ?? '', /no repository path/);
  dispose();
});
