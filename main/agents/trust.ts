import type { Trust, TrustLevel } from '../../preload/schemas/agents.ts';

/**
 * The trust formula. Every constant is here, stated once, and the README quotes them. Nothing is a
 * placeholder: a factor with nothing to measure it from is null and leaves the weighted mean (the
 * reference system fixed three of its six trust factors at constants and still called it a score).
 */
export const TRUST_PARAMS = {
  /** Beta(α, β) prior of the success rate: neutral 0.5, worth four observations. */
  priorAlpha: 2,
  priorBeta: 2,
  /** An observation this old counts half as much as one made now. */
  halfLifeDays: 7,
  /** Older observations are not read at all. */
  windowDays: 30,
  weights: { reliability: 0.6, consistency: 0.2, responsiveness: 0.2 },
  /** confidence = n / (n + K), n = recency-weighted count of finished tasks. */
  confidenceK: 10,
  /** Below this confidence the level is INSUFFICIENT_DATA (i.e. fewer than ~10 recent tasks). */
  minConfidence: 0.5,
  levels: { high: 80, medium: 60, low: 40 },
  /** A heartbeat gap up to this many expected periods counts as fully on time. */
  heartbeatToleranceFactor: 2,
} as const;

const DAY_MS = 86_400_000;

export const TRUST_FORMULA =
  'score = 100 × Σ wᵢ·fᵢ / Σ wᵢ over measured factors (reliability 0.6, consistency 0.2, responsiveness 0.2); ' +
  'reliability = (S + 2) / (S + F + 4) — success rate with a Beta(2,2) prior; ' +
  'consistency = 1/(1 + CV of durations) × (1 − ½·outcome flip rate); ' +
  'responsiveness = mean of min(1, 2·expected heartbeat period / gap); ' +
  'every observation weighted 0.5^(age / 7 days), last 30 days only; ' +
  'confidence = n / (n + 10), n = weighted finished tasks; level HIGH ≥ 80, MEDIUM ≥ 60, LOW ≥ 40, else CRITICAL; ' +
  'INSUFFICIENT_DATA while confidence < 0.5.';

export interface TrustTask {
  finishedAt: number;
  outcome: 'success' | 'failure';
  durationMs: number | null;
}

export interface TrustInput {
  /** Finished tasks, any order. */
  tasks: readonly TrustTask[];
  /** Heartbeat times, any order. */
  heartbeats: readonly number[];
  expectedHeartbeatSeconds: number;
  now: number;
}

export function recencyWeight(at: number, now: number): number {
  const ageDays = Math.max(0, now - at) / DAY_MS;
  return 0.5 ** (ageDays / TRUST_PARAMS.halfLifeDays);
}

export function computeTrust(input: TrustInput): Trust {
  const { now } = input;
  const since = now - TRUST_PARAMS.windowDays * DAY_MS;
  const tasks = input.tasks.filter((t) => t.finishedAt >= since && t.finishedAt <= now).sort((a, b) => a.finishedAt - b.finishedAt);
  const beats = input.heartbeats.filter((at) => at >= since && at <= now).sort((a, b) => a - b);

  const reliability = reliabilityOf(tasks, now);
  const consistency = consistencyOf(tasks, now);
  const responsiveness = responsivenessOf(beats, input.expectedHeartbeatSeconds * 1000, now);

  const factors = { reliability, consistency, responsiveness };
  const measured = Object.values(factors).filter((f) => f.value !== null);
  // Without finished tasks there is no reliability, and a score of heartbeats alone would say
  // nothing about the work: no score at all.
  const score =
    reliability.value === null
      ? null
      : round((100 * measured.reduce((s, f) => s + f.weight * f.value!, 0)) / measured.reduce((s, f) => s + f.weight, 0), 1);
  const effectiveTasks = tasks.reduce((s, t) => s + recencyWeight(t.finishedAt, now), 0);
  const confidence = round(effectiveTasks / (effectiveTasks + TRUST_PARAMS.confidenceK), 3);
  return {
    score,
    level: levelOf(score, confidence),
    confidence,
    observations: { tasks: tasks.length, heartbeatIntervals: Math.max(0, beats.length - 1), effectiveTasks: round(effectiveTasks, 2) },
    factors,
    formula: TRUST_FORMULA,
    computedAt: now,
  };
}

export function levelOf(score: number | null, confidence: number): TrustLevel {
  if (score === null || confidence < TRUST_PARAMS.minConfidence) return 'INSUFFICIENT_DATA';
  const { high, medium, low } = TRUST_PARAMS.levels;
  if (score >= high) return 'HIGH';
  if (score >= medium) return 'MEDIUM';
  if (score >= low) return 'LOW';
  return 'CRITICAL';
}

type Factor = Trust['factors']['reliability'];

function reliabilityOf(tasks: readonly TrustTask[], now: number): Factor {
  const { priorAlpha: a, priorBeta: b } = TRUST_PARAMS;
  let s = 0;
  let f = 0;
  for (const t of tasks) {
    const w = recencyWeight(t.finishedAt, now);
    if (t.outcome === 'success') s += w;
    else f += w;
  }
  const value = tasks.length === 0 ? null : (s + a) / (s + f + a + b);
  return {
    value: value === null ? null : round(value, 4),
    weight: TRUST_PARAMS.weights.reliability,
    inputs: { successesWeighted: round(s, 3), failuresWeighted: round(f, 3), priorAlpha: a, priorBeta: b },
    explanation: tasks.length === 0 ? 'no finished task yet' : `(${round(s, 2)} + ${a}) / (${round(s + f, 2)} + ${a + b})`,
  };
}

function consistencyOf(tasks: readonly TrustTask[], now: number): Factor {
  const timed = tasks.filter((t) => t.durationMs !== null && t.durationMs >= 0);
  const weight = TRUST_PARAMS.weights.consistency;
  if (timed.length < 2) {
    return { value: null, weight, inputs: { durations: timed.length, cv: null, flipRate: null }, explanation: 'needs at least two finished tasks with a duration' };
  }
  let sw = 0;
  let sum = 0;
  for (const t of timed) {
    const w = recencyWeight(t.finishedAt, now);
    sw += w;
    sum += w * t.durationMs!;
  }
  const mean = sum / sw;
  const variance = timed.reduce((v, t) => v + recencyWeight(t.finishedAt, now) * (t.durationMs! - mean) ** 2, 0) / sw;
  const cv = mean > 0 ? Math.sqrt(variance) / mean : 0;
  // Flips are counted over every finished task (timed or not): success, failure, success… is flapping.
  let flips = 0;
  let flipWeights = 0;
  for (let i = 1; i < tasks.length; i++) {
    const w = recencyWeight(tasks[i]!.finishedAt, now);
    flipWeights += w;
    if (tasks[i]!.outcome !== tasks[i - 1]!.outcome) flips += w;
  }
  const flipRate = flipWeights > 0 ? flips / flipWeights : 0;
  const value = (1 / (1 + cv)) * (1 - flipRate / 2);
  return {
    value: round(value, 4),
    weight,
    inputs: { durations: timed.length, meanDurationMs: round(mean, 1), cv: round(cv, 4), flipRate: round(flipRate, 4) },
    explanation: `1/(1 + ${round(cv, 3)}) × (1 − ${round(flipRate, 3)}/2)`,
  };
}

function responsivenessOf(beats: readonly number[], expectedMs: number, now: number): Factor {
  const weight = TRUST_PARAMS.weights.responsiveness;
  const tolerance = TRUST_PARAMS.heartbeatToleranceFactor * expectedMs;
  const gaps: Array<{ end: number; gap: number }> = [];
  for (let i = 1; i < beats.length; i++) gaps.push({ end: beats[i]!, gap: beats[i]! - beats[i - 1]! });
  // Silence since the last heartbeat counts once it is itself a late gap: an agent that stopped
  // reporting must not keep the responsiveness of its last good hour.
  const last = beats.at(-1);
  if (last !== undefined && gaps.length > 0 && now - last > tolerance) gaps.push({ end: now, gap: now - last });
  if (gaps.length === 0) {
    return { value: null, weight, inputs: { intervals: 0, expectedSeconds: expectedMs / 1000, lateIntervals: null }, explanation: 'needs at least two heartbeats' };
  }
  let sw = 0;
  let sum = 0;
  let late = 0;
  for (const g of gaps) {
    const w = recencyWeight(g.end, now);
    const onTime = g.gap <= tolerance ? 1 : tolerance / g.gap;
    if (onTime < 1) late++;
    sw += w;
    sum += w * onTime;
  }
  const value = sum / sw;
  return {
    value: round(value, 4),
    weight,
    inputs: { intervals: gaps.length, expectedSeconds: expectedMs / 1000, lateIntervals: late },
    explanation: `${gaps.length - late} of ${gaps.length} heartbeat gaps within ${TRUST_PARAMS.heartbeatToleranceFactor}× ${expectedMs / 1000} s`,
  };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
