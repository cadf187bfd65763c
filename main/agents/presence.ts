import type { PresenceState } from '../../preload/schemas/agents.ts';

export interface PresenceThresholds {
  heartbeatSeconds: number;
  staleAfterSeconds: number;
  offlineAfterSeconds: number;
}

/** The reference system's rhythm: a heartbeat every 30 s, stale after 5 min, offline after 15 min. */
export const DEFAULT_THRESHOLDS: PresenceThresholds = { heartbeatSeconds: 30, staleAfterSeconds: 300, offlineAfterSeconds: 900 };

export interface PresenceReading {
  state: PresenceState;
  /** When the agent entered this state as far as the inputs tell (a threshold crossing, not the time of the sweep). */
  since: number;
  reason: string;
}

/**
 * Presence from the last sign of life (any report) and whether a task is open:
 * - ONLINE: heard from within staleAfter and working on a task;
 * - IDLE: heard from within staleAfter, no task open;
 * - STALE: silent for more than staleAfter;
 * - OFFLINE: silent for more than offlineAfter, or never heard from.
 */
export function readPresence(lastSignalAt: number | null, tasksInProgress: number, t: PresenceThresholds, now: number): PresenceReading {
  if (lastSignalAt === null) return { state: 'OFFLINE', since: now, reason: 'never reported' };
  const age = now - lastSignalAt;
  if (age > t.offlineAfterSeconds * 1000) {
    return { state: 'OFFLINE', since: lastSignalAt + t.offlineAfterSeconds * 1000, reason: `no report for more than ${t.offlineAfterSeconds} s` };
  }
  if (age > t.staleAfterSeconds * 1000) {
    return { state: 'STALE', since: lastSignalAt + t.staleAfterSeconds * 1000, reason: `no report for more than ${t.staleAfterSeconds} s` };
  }
  if (tasksInProgress > 0) return { state: 'ONLINE', since: lastSignalAt, reason: `reporting, ${tasksInProgress} task${tasksInProgress === 1 ? '' : 's'} in progress` };
  return { state: 'IDLE', since: lastSignalAt, reason: 'reporting, no task in progress' };
}
