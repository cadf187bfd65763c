/**
 * The per-monitor state machine. Thresholds decide transitions the way Gatus does (N failures in a
 * row to go DOWN, M successes to come back), and two kinds of result never count as failures:
 * a result taken while this machine's own network is down, and one taken while the monitor's parent
 * is failing — one dead VM is one incident, not one per endpoint behind it.
 */

import { MONITOR_STATUSES, STATUS_SEVERITY, type MonitorStatusName } from '../../preload/contract.ts';

/** The statuses are the contract's, worst first; main names them, it does not list them again. */
export { MONITOR_STATUSES };
export type MonitorStatus = MonitorStatusName;

/** Lower is worse: an Overview row, a host or a project shows the worst status of its monitors. */
export const severityRank = (s: MonitorStatus): number => STATUS_SEVERITY[s];

/** What one check run concluded, before thresholds. */
export type Outcome = 'up' | 'degraded' | 'down' | 'unknown';

export interface Thresholds {
  failure: number;
  success: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { failure: 3, success: 2 };

export interface MonitorState {
  status: MonitorStatus;
  /** Confirmed health after thresholds; incidents open and close on its changes. */
  health: 'up' | 'down' | 'pending';
  since: number;
  failures: number;
  successes: number;
  /** Id of the failing parent this monitor is waiting on, if any. */
  blockedBy: number | null;
  /** When the current run of failures began; null while succeeding. */
  failingSince: number | null;
  /** True while a DOWN is held until the parent has been checked (see advance). */
  awaitingParent: boolean;
  reason: string;
}

export const initialState = (at: number): MonitorState => ({
  status: 'PENDING',
  health: 'pending',
  since: at,
  failures: 0,
  successes: 0,
  blockedBy: null,
  failingSince: null,
  awaitingParent: false,
  reason: 'no result yet',
});

export interface ParentView {
  id: number;
  name: string;
  failing: boolean;
  /** Time of the parent's last result, null before its first. */
  lastResultAt: number | null;
}

export interface StepInput {
  outcome: Outcome;
  at: number;
  message: string;
  parent?: ParentView | undefined;
}

export interface Transition {
  from: MonitorStatus;
  to: MonitorStatus;
  at: number;
  reason: string;
  incident: 'open' | 'close' | null;
}

export function step(prev: MonitorState, input: StepInput, thresholds: Thresholds): { state: MonitorState; transition: Transition | null } {
  const next = advance(prev, input, thresholds);
  const healthChanged = next.health !== prev.health;
  const incident = healthChanged && next.health === 'down' ? 'open' : healthChanged && prev.health === 'down' ? 'close' : null;
  if (next.status === prev.status && incident === null) {
    return { state: { ...next, since: prev.since }, transition: null };
  }
  return {
    state: { ...next, since: input.at },
    transition: { from: prev.status, to: next.status, at: input.at, reason: next.reason, incident },
  };
}

function advance(prev: MonitorState, input: StepInput, t: Thresholds): MonitorState {
  if (input.outcome === 'unknown') {
    return { ...prev, status: 'UNKNOWN', blockedBy: null, awaitingParent: false, reason: input.message };
  }
  const failed = input.outcome === 'down';
  const parent = input.parent;
  if (failed && parent?.failing && prev.health !== 'down') {
    return { ...prev, status: 'UNKNOWN', blockedBy: parent.id, awaitingParent: false, reason: `blocked by parent ${parent.name}` };
  }
  if (failed) {
    const failures = prev.failures + 1;
    const failingSince = prev.failingSince ?? input.at;
    const down = prev.health === 'down' || failures >= t.failure;
    // A child may fail before its parent's next check notices the outage (a shorter interval, a
    // lower threshold). Its DOWN is held until the parent has been checked since the failures
    // began; the engine asks for that check at once. Otherwise one dead VM could still open two incidents.
    const parentUnchecked = parent !== undefined && (parent.lastResultAt === null || parent.lastResultAt <= failingSince);
    const failing = { ...prev, failures, failingSince, successes: 0, blockedBy: null };
    if (down && prev.health !== 'down' && parentUnchecked) {
      return {
        ...failing,
        awaitingParent: true,
        status: 'PENDING',
        reason: `${input.message} (failure ${failures} of ${t.failure}; waiting for parent ${parent.name} to be checked)`,
      };
    }
    return {
      ...failing,
      awaitingParent: false,
      health: down ? 'down' : prev.health,
      status: down ? 'DOWN' : 'PENDING',
      reason: down ? input.message : `${input.message} (failure ${failures} of ${t.failure} before DOWN)`,
    };
  }
  const successes = prev.successes + 1;
  const recovered = prev.health !== 'down' || successes >= t.success;
  const degraded = input.outcome === 'degraded';
  return {
    ...prev,
    failures: 0,
    failingSince: null,
    awaitingParent: false,
    successes,
    blockedBy: null,
    health: recovered ? 'up' : 'down',
    status: !recovered ? 'DOWN' : degraded ? 'DEGRADED' : 'UP',
    reason: !recovered ? `recovering: ${successes} of ${t.success} successes` : input.message,
  };
}
