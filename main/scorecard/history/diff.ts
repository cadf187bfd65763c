import type { Assessment, AssessmentDiff } from '../../../preload/schemas/scorecard.ts';
import { round1 } from '../scoring.ts';

/** What changed between two assessments of a project: overall, each category, and checks whose status moved. */
export function diffAssessments(previous: { id: number; report: Assessment } | null, current: Assessment): AssessmentDiff {
  if (!previous) {
    return { previousId: null, overallDelta: null, categories: current.categories.map((c) => ({ name: c.name, from: null, to: c.current })), checks: [] };
  }
  const before = previous.report;
  const a = before.overall.score;
  const b = current.overall.score;
  const oldChecks = new Map(before.checks.map((c) => [c.id, c]));
  const newIds = new Set(current.checks.map((c) => c.id));
  const checks: AssessmentDiff['checks'] = [];
  for (const c of current.checks) {
    const was = oldChecks.get(c.id);
    if (!was || was.status !== c.status) checks.push({ id: c.id, title: c.title, from: was?.status ?? null, to: c.status });
  }
  for (const was of before.checks) if (!newIds.has(was.id)) checks.push({ id: was.id, title: was.title, from: was.status, to: null });
  return {
    previousId: previous.id,
    overallDelta: a === null || b === null ? null : round1(b - a),
    categories: current.categories.map((c) => ({ name: c.name, from: before.categories.find((x) => x.name === c.name)?.current ?? null, to: c.current })),
    checks,
  };
}
