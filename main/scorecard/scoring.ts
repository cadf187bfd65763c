import { CATEGORIES, TIERS, type CategoryReport, type CheckReport, type Priority, type Risk, type Tier } from '../../preload/schemas/scorecard.ts';
import { requiredAt } from './tiers.ts';

/** OpenSSF Scorecard's risk weights. */
export const RISK_WEIGHT: Record<Risk, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5 };

/** Percent with one decimal: enough to show movement, no false precision. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Category score = Σ weight of passing checks / Σ weight of conclusive (pass or fail) checks × 100.
 * Unknown and not-applicable checks leave the denominator; no conclusive check → null (unknown).
 */
export function scoreCategory(checks: readonly CheckReport[]): { current: number | null; weight: number } {
  const conclusive = checks.filter((c) => c.status === 'pass' || c.status === 'fail');
  const weight = conclusive.reduce((n, c) => n + c.weight, 0);
  if (weight === 0) return { current: null, weight: 0 };
  const passed = conclusive.filter((c) => c.status === 'pass').reduce((n, c) => n + c.weight, 0);
  return { current: round1((passed / weight) * 100), weight };
}

/**
 * Priority from the gap and the worst failing required check:
 * CRITICAL when the gap is ≥ 50 points or a required critical-risk check fails;
 * High when the gap is ≥ 25 or a required high-risk check fails; Medium when the gap is ≥ 10;
 * Low for any smaller gap; Met when the target is reached; Unknown when the score is.
 */
export function priorityOf(gap: number | null, checks: readonly CheckReport[]): Priority {
  if (gap === null) return 'Unknown';
  const failing = checks.filter((c) => c.status === 'fail' && c.required);
  if (gap >= 50 || (gap > 0 && failing.some((c) => c.risk === 'critical'))) return 'CRITICAL';
  if (gap >= 25 || (gap > 0 && failing.some((c) => c.risk === 'high'))) return 'High';
  if (gap >= 10) return 'Medium';
  if (gap > 0) return 'Low';
  return 'Met';
}

export function scoreCategories(checks: readonly CheckReport[], targets: Record<string, number>): CategoryReport[] {
  return CATEGORIES.map((name) => {
    const own = checks.filter((c) => c.category === name);
    const { current, weight } = scoreCategory(own);
    const target = targets[name] ?? 0;
    const gap = current === null ? null : round1(Math.max(0, target - current));
    const count = (s: CheckReport['status']) => own.filter((c) => c.status === s).length;
    return {
      name,
      current,
      target,
      gap,
      priority: priorityOf(gap, own),
      weight,
      counts: { pass: count('pass'), fail: count('fail'), unknown: count('unknown'), not_applicable: count('not_applicable') },
    };
  });
}

/** Overall = Σ(category weight × category score) / Σ category weight, i.e. the weighted share of all conclusive checks. */
export function overallScore(categories: readonly CategoryReport[]): number | null {
  const scored = categories.filter((c) => c.current !== null && c.weight > 0);
  const weight = scored.reduce((n, c) => n + c.weight, 0);
  if (weight === 0) return null;
  return round1(scored.reduce((n, c) => n + c.weight * c.current!, 0) / weight);
}

export function levelOf(score: number | null): 'STRONG' | 'GOOD' | 'MODERATE' | 'LOW' | 'UNKNOWN' {
  if (score === null) return 'UNKNOWN';
  if (score >= 85) return 'STRONG';
  if (score >= 70) return 'GOOD';
  if (score >= 40) return 'MODERATE';
  return 'LOW';
}

/** The highest tier every required check of which (and of all lower tiers) passes, rubric-style. */
export function tierReached(checks: readonly CheckReport[]): Tier | null {
  let reached: Tier | null = null;
  for (const tier of TIERS) {
    const required = checks.filter((c) => requiredAt(c.requiredFrom, tier));
    if (required.every((c) => c.status === 'pass' || c.status === 'not_applicable')) reached = tier;
    else break;
  }
  return reached;
}
