import type { AgentHistory, PresenceState, TrustLevel } from '../../../preload/schemas/agents.ts';

/** Badge classes: the words carry the meaning, colour only repeats it. */
export const PRESENCE_CLASS: Record<PresenceState, string> = {
  ONLINE: 'status-up',
  IDLE: 'presence-idle',
  STALE: 'status-degraded',
  OFFLINE: 'status-down',
};

export const TRUST_CLASS: Record<TrustLevel, string> = {
  HIGH: 'status-up',
  MEDIUM: 'presence-idle',
  LOW: 'status-degraded',
  CRITICAL: 'status-down',
  INSUFFICIENT_DATA: 'status-unknown',
};

export const trustLevelText = (level: TrustLevel): string => (level === 'INSUFFICIENT_DATA' ? 'insufficient data' : level);

/** Height of each state in the presence timeline: up is better. */
export const PRESENCE_LEVEL: Record<PresenceState, number> = { OFFLINE: 0, STALE: 1, IDLE: 2, ONLINE: 3 };
export const PRESENCE_BY_LEVEL: PresenceState[] = ['OFFLINE', 'STALE', 'IDLE', 'ONLINE'];

/** Step points of the presence timeline: the state at `from`, each transition, and the state now. */
export function presencePoints(h: AgentHistory): Array<{ t: number; level: number }> {
  const points = [{ t: h.from, level: PRESENCE_LEVEL[h.presenceAtStart] }];
  for (const e of h.presence) points.push({ t: e.at, level: PRESENCE_LEVEL[e.to] });
  points.push({ t: h.to, level: points.at(-1)!.level });
  return points;
}

/** Finished tasks per bucket, by outcome; buckets without tasks are kept so gaps show. */
export function outcomeBuckets(h: AgentHistory, buckets = 24): Array<{ t: number; success: number; failure: number }> {
  const size = (h.to - h.from) / buckets;
  const rows = Array.from({ length: buckets }, (_, i) => ({ t: Math.round(h.from + i * size), success: 0, failure: 0 }));
  for (const task of h.tasks) {
    if (task.finishedAt === null || task.outcome === null) continue;
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((task.finishedAt - h.from) / size)));
    rows[i]![task.outcome] += 1;
  }
  return rows;
}

export function durationPoints(h: AgentHistory): Array<{ t: number; durationMs: number; outcome: 'success' | 'failure' }> {
  return h.tasks
    .filter((t) => t.finishedAt !== null && t.durationMs !== null && t.outcome !== null)
    .map((t) => ({ t: t.finishedAt!, durationMs: t.durationMs!, outcome: t.outcome! }));
}

/** What an agent runs to report in. The token is a placeholder unless one was just created. */
export function curlSnippet(ingestUrl: string, token: string): string {
  const base = `${ingestUrl}ping/${token}`;
  return [
    '# heartbeat (every 30 s or so)',
    `curl -fsS -m 10 -X POST ${base}`,
    '# a task starts …',
    `curl -fsS -m 10 ${base}/start -H 'Content-Type: application/json' \\`,
    `  -d '{"taskId":"build-42","title":"Build 42","key":"build-42:start"}'`,
    '# … and finishes (duration in ms, optional quality 0..1)',
    `curl -fsS -m 10 ${base}/finish -H 'Content-Type: application/json' \\`,
    `  -d '{"taskId":"build-42","outcome":"success","durationMs":81000,"quality":0.9,"key":"build-42:finish"}'`,
    '# free-form status',
    `curl -fsS -m 10 ${base}/status -H 'Content-Type: application/json' -d '{"text":"reviewing PR 17"}'`,
  ].join('\n');
}
