import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeTrust, levelOf, recencyWeight, TRUST_PARAMS, type TrustTask } from '../../main/agents/trust.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;
const close = (actual: number | null, expected: number, what: string, eps = 1e-3) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < eps, `${what}: expected ${expected}, got ${actual}`);

const tasks = (outcomes: string, durations: (i: number) => number = () => 1000, at: (i: number) => number = () => NOW): TrustTask[] =>
  [...outcomes].map((c, i) => ({ finishedAt: at(i) - i, outcome: c === 's' ? 'success' : 'failure', durationMs: durations(i) }));
const beats = (n: number, everyMs: number, end = NOW) => Array.from({ length: n }, (_, i) => end - (n - 1 - i) * everyMs);

test('a new agent has no score and INSUFFICIENT_DATA, with zero confidence', () => {
  const t = computeTrust({ tasks: [], heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  assert.equal(t.score, null);
  assert.equal(t.level, 'INSUFFICIENT_DATA');
  assert.equal(t.confidence, 0);
  assert.equal(t.factors.reliability.value, null);
  assert.equal(t.factors.consistency.value, null);
  assert.equal(t.factors.responsiveness.value, null);
});

test('heartbeats alone give responsiveness but no score: they say nothing about the work', () => {
  const t = computeTrust({ tasks: [], heartbeats: beats(10, 30_000), expectedHeartbeatSeconds: 30, now: NOW });
  assert.equal(t.factors.responsiveness.value, 1);
  assert.equal(t.score, null);
  assert.equal(t.level, 'INSUFFICIENT_DATA');
});

test('three successes: a score exists, but confidence 3/13 is too low for a level', () => {
  const t = computeTrust({ tasks: tasks('sss'), heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.reliability.value, 5 / 7, 'reliability (3+2)/(3+4)');
  close(t.confidence, 3 / 13, 'confidence');
  assert.ok(t.score !== null);
  assert.equal(t.level, 'INSUFFICIENT_DATA');
});

test('all success, steady durations, regular heartbeats: HIGH, every input as hand-computed', () => {
  const t = computeTrust({ tasks: tasks('s'.repeat(20)), heartbeats: beats(20, 30_000), expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.reliability.value, 22 / 24, 'reliability (20+2)/(20+4)');
  close(t.factors.consistency.value, 1, 'consistency');
  close(t.factors.responsiveness.value, 1, 'responsiveness');
  close(t.score, 100 * (0.6 * (22 / 24) + 0.2 + 0.2), 'score', 0.06);
  close(t.confidence, 20 / 30, 'confidence');
  assert.equal(t.level, 'HIGH');
  assert.equal(t.observations.tasks, 20);
  assert.equal(t.observations.heartbeatIntervals, 19);
  assert.equal(t.factors.reliability.inputs.priorAlpha, TRUST_PARAMS.priorAlpha);
  assert.match(t.formula, /Beta\(2,2\)/);
});

test('flapping outcomes lower consistency compared with a steady history of the same size', () => {
  const steady = computeTrust({ tasks: tasks('s'.repeat(20)), heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  const flapping = computeTrust({ tasks: tasks('sf'.repeat(10)), heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  close(flapping.factors.consistency.inputs.flipRate ?? null, 1, 'every outcome differs from the one before');
  close(flapping.factors.consistency.value, 0.5, 'consistency = 1/(1+0) × (1 − 1/2)');
  assert.ok(flapping.factors.consistency.value! < steady.factors.consistency.value!);
  assert.ok(flapping.score! < steady.score!);
});

test('spread of durations lowers consistency: CV 0.5 gives 1/1.5', () => {
  const t = computeTrust({ tasks: tasks('s'.repeat(20), (i) => (i % 2 === 0 ? 500 : 1500)), heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.consistency.inputs.cv ?? null, 0.5, 'cv');
  close(t.factors.consistency.value, 1 / 1.5, 'consistency');
});

test('mostly failures: CRITICAL', () => {
  const t = computeTrust({ tasks: tasks('f'.repeat(30) + 's'.repeat(2)), heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.reliability.value, 4 / 36, 'reliability (2+2)/(32+4)');
  assert.equal(t.level, 'CRITICAL');
});

test('recency: failures four half-lives old weigh 1/16 of fresh successes', () => {
  const old = tasks('f'.repeat(10), undefined, () => NOW - 4 * TRUST_PARAMS.halfLifeDays * DAY);
  const fresh = tasks('s'.repeat(10));
  const t = computeTrust({ tasks: [...old, ...fresh], heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.reliability.value, 12 / (10 + 10 / 16 + 4), 'reliability');
  close(recencyWeight(NOW - 7 * DAY, NOW), 0.5, 'one half-life');
});

test('observations older than the window are not read at all', () => {
  const ancient = tasks('f'.repeat(50), undefined, () => NOW - (TRUST_PARAMS.windowDays + 1) * DAY);
  const t = computeTrust({ tasks: ancient, heartbeats: [], expectedHeartbeatSeconds: 30, now: NOW });
  assert.equal(t.observations.tasks, 0);
  assert.equal(t.score, null);
});

test('responsiveness: a gap of ten periods counts 2/10; silence since the last heartbeat counts too', () => {
  const hb = [NOW - 360_000, NOW - 330_000, NOW - 300_000, NOW];
  const t = computeTrust({ tasks: [], heartbeats: hb, expectedHeartbeatSeconds: 30, now: NOW });
  close(t.factors.responsiveness.value, (1 + 1 + 0.2) / 3, 'mean of on-time ratios');
  assert.equal(t.factors.responsiveness.inputs.lateIntervals, 1);
  const silent = computeTrust({ tasks: [], heartbeats: beats(10, 30_000, NOW - 3_600_000), expectedHeartbeatSeconds: 30, now: NOW });
  close(silent.factors.responsiveness.value, (9 + 60_000 / 3_600_000) / 10, 'an hour of silence is one very late gap');
});

test('levels: HIGH ≥ 80, MEDIUM ≥ 60, LOW ≥ 40, else CRITICAL; low confidence wins over any score', () => {
  assert.equal(levelOf(80, 0.9), 'HIGH');
  assert.equal(levelOf(79.9, 0.9), 'MEDIUM');
  assert.equal(levelOf(60, 0.9), 'MEDIUM');
  assert.equal(levelOf(59.9, 0.9), 'LOW');
  assert.equal(levelOf(40, 0.9), 'LOW');
  assert.equal(levelOf(39.9, 0.9), 'CRITICAL');
  assert.equal(levelOf(99, 0.49), 'INSUFFICIENT_DATA');
  assert.equal(levelOf(null, 1), 'INSUFFICIENT_DATA');
});
