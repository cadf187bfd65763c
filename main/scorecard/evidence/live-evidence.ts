import type { LoopHealth, MonitorStatusName, MonitorTarget } from '../../../preload/contract.ts';
import type { Evidence } from '../../../preload/schemas/scorecard.ts';
import { describeTarget, type MonitorRecord, type StoredState } from '../../monitors/index.ts';
import { fail, pass, unknown, type CheckOutcome } from '../types.ts';

/** A project's monitor as the scorecard sees it: its target and its latest measured result. */
export interface LiveMonitor {
  id: number;
  name: string;
  role: string;
  target: MonitorTarget;
  probe: string;
  status: MonitorStatusName;
  lastAt: number | null;
  lastLatencyMs: number | null;
  evidence: Record<string, unknown> | null;
}

export interface LiveEvidence {
  monitors: LiveMonitor[];
  /** The console's own loops; null where there are none (the CLI). */
  loops: LoopHealth[] | null;
  now: number;
  /** A result older than this proves nothing about now. */
  staleAfterMs: number;
}

export const noLiveEvidence = (now: number): LiveEvidence => ({ monitors: [], loops: null, now, staleAfterMs: 300_000 });

export function liveFromSnapshot(
  snapshot: Array<{ record: MonitorRecord; state: StoredState | undefined }>,
  opts: { projectId: string; loops: LoopHealth[]; now: number; staleAfterSeconds: number },
): LiveEvidence {
  return {
    monitors: snapshot
      .filter((s) => s.record.definition.projectId === opts.projectId && !s.record.paused)
      .map(({ record, state }) => ({
        id: record.id,
        name: record.definition.name,
        role: record.definition.role,
        target: record.definition.target,
        probe: `${record.definition.target.kind} ${describeTarget(record.definition.target)}`,
        status: state?.status ?? 'PENDING',
        lastAt: state?.lastAt ?? null,
        lastLatencyMs: state?.lastLatency ?? null,
        evidence: state?.lastEvidence ?? null,
      })),
    loops: opts.loops,
    now: opts.now,
    staleAfterMs: opts.staleAfterSeconds * 1000,
  };
}

export const probeEvidence = (m: LiveMonitor, note: string): Evidence => ({ kind: 'probe', monitorId: m.id, probe: `${m.name}: ${m.probe}`, at: isoOrNull(m.lastAt), note });

export const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

type Verdict = { ok: boolean; note: string } | null;

/**
 * The shared shape of every live check: the monitors that measure the thing, judged on their latest
 * fresh result. No monitor → unknown (never fail); only stale or missing results → unknown; any
 * fresh failure → fail.
 */
export function judgeMonitors(live: LiveEvidence, what: string, select: (m: LiveMonitor) => boolean, judge: (m: LiveMonitor) => Verdict): CheckOutcome {
  const relevant = live.monitors.filter(select);
  if (relevant.length === 0) return unknown(`no monitor measures ${what} for this project yet`);
  const fresh = relevant.filter((m) => m.lastAt !== null && live.now - m.lastAt <= live.staleAfterMs);
  if (fresh.length === 0) {
    return unknown(
      `no fresh result for ${what}`,
      relevant.map((m) => probeEvidence(m, m.lastAt === null ? 'no result yet' : `last result is stale (older than ${live.staleAfterMs / 1000} s)`)),
    );
  }
  const verdicts = fresh.map((m) => ({ m, v: judge(m) })).filter((x): x is { m: LiveMonitor; v: NonNullable<Verdict> } => x.v !== null);
  if (verdicts.length === 0) return unknown(`the monitors of ${what} recorded no usable evidence`, fresh.map((m) => probeEvidence(m, 'no evidence recorded')));
  const bad = verdicts.filter((x) => !x.v.ok);
  const evidence = verdicts.map((x) => probeEvidence(x.m, x.v.note));
  if (bad.length > 0) return fail(`${what}: ${bad[0]!.v.note}`, evidence);
  return pass(`${what}: ${verdicts[0]!.v.note}`, evidence);
}

export const isUpish = (s: MonitorStatusName) => s === 'UP' || s === 'DEGRADED';
