import type Database from 'better-sqlite3';
import type { AgentHistory, PresenceState } from '../../preload/schemas/agents.ts';
import { ContractError } from '../api/contract-error.ts';
import type { AgentReport } from './report.ts';
import type { TrustTask } from './trust.ts';

export interface AgentState {
  presence: PresenceState;
  presenceSince: number;
  lastSignalAt: number | null;
  lastHeartbeatAt: number | null;
  statusText: string | null;
  statusAt: number | null;
}

export type RecordOutcome = { stored: true } | { stored: false; firstRecordedAt: number };

/** Trust reads at most this much history per agent: enough for the 7-day half-life to dominate. */
const TRUST_MAX_TASKS = 1_000;
const TRUST_MAX_HEARTBEATS = 2_000;
const HISTORY_MAX_TASKS = 1_000;

/** Everything agents report, and their presence transitions, in SQLite. Callers hold the transaction. */
export class ActivityStore {
  constructor(private readonly db: Database.Database) {}

  /**
   * Stores one report, unless its idempotency key was already accepted for this agent: then nothing
   * is written and the first time is returned.
   */
  record(agentId: number, report: AgentReport, at: number, source: string): RecordOutcome {
    if (report.key !== undefined) {
      const seen = this.db.prepare('SELECT at FROM agent_event_keys WHERE agent_id = ? AND key = ?').get(agentId, report.key) as { at: number } | undefined;
      if (seen) return { stored: false, firstRecordedAt: seen.at };
    }
    this.ensureState(agentId, at);
    switch (report.type) {
      case 'heartbeat':
        this.db.prepare("INSERT INTO agent_signals (agent_id, at, kind, text, source) VALUES (?, ?, 'heartbeat', NULL, ?)").run(agentId, at, source);
        this.db.prepare('UPDATE agent_state SET last_heartbeat_at = max(coalesce(last_heartbeat_at, 0), ?) WHERE agent_id = ?').run(at, agentId);
        break;
      case 'status':
        this.db.prepare("INSERT INTO agent_signals (agent_id, at, kind, text, source) VALUES (?, ?, 'status', ?, ?)").run(agentId, at, report.text, source);
        this.db.prepare('UPDATE agent_state SET status_text = ?, status_at = ? WHERE agent_id = ? AND coalesce(status_at, 0) <= ?').run(report.text, at, agentId, at);
        break;
      case 'task-started':
        this.db.prepare('INSERT INTO agent_tasks (agent_id, task_id, title, started_at, source) VALUES (?, ?, ?, ?, ?)').run(agentId, report.taskId, report.title, at, source);
        break;
      case 'task-finished':
        this.finishTask(agentId, report, at, source);
        break;
    }
    this.db.prepare('UPDATE agent_state SET last_signal_at = max(coalesce(last_signal_at, 0), ?) WHERE agent_id = ?').run(at, agentId);
    if (report.key !== undefined) this.db.prepare('INSERT INTO agent_event_keys (agent_id, key, at) VALUES (?, ?, ?)').run(agentId, report.key, at);
    return { stored: true };
  }

  private finishTask(agentId: number, report: Extract<AgentReport, { type: 'task-finished' }>, at: number, source: string): void {
    const open = this.db
      .prepare('SELECT id, title, started_at FROM agent_tasks WHERE agent_id = ? AND task_id = ? AND finished_at IS NULL ORDER BY started_at DESC LIMIT 1')
      .get(agentId, report.taskId) as { id: number; title: string; started_at: number } | undefined;
    const duration = report.durationMs ?? (open ? Math.max(0, at - open.started_at) : undefined);
    if (duration === undefined) {
      throw new ContractError('INVALID_INPUT', `durationMs is required: no task-started was recorded for taskId ${JSON.stringify(report.taskId)}`, 'durationMs');
    }
    if (open) {
      this.db
        .prepare('UPDATE agent_tasks SET finished_at = ?, outcome = ?, duration_ms = ?, quality = ?, title = ? WHERE id = ?')
        .run(at, report.outcome, duration, report.quality ?? null, report.title ?? open.title, open.id);
      return;
    }
    this.db
      .prepare('INSERT INTO agent_tasks (agent_id, task_id, title, started_at, finished_at, outcome, duration_ms, quality, source) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)')
      .run(agentId, report.taskId, report.title ?? report.taskId, at, report.outcome, duration, report.quality ?? null, source);
  }

  private ensureState(agentId: number, at: number): void {
    this.db.prepare("INSERT OR IGNORE INTO agent_state (agent_id, presence, presence_since) VALUES (?, 'OFFLINE', ?)").run(agentId, at);
  }

  state(agentId: number): AgentState | null {
    const r = this.db
      .prepare('SELECT presence, presence_since, last_signal_at, last_heartbeat_at, status_text, status_at FROM agent_state WHERE agent_id = ?')
      .get(agentId) as
      | { presence: PresenceState; presence_since: number; last_signal_at: number | null; last_heartbeat_at: number | null; status_text: string | null; status_at: number | null }
      | undefined;
    if (!r) return null;
    return {
      presence: r.presence,
      presenceSince: r.presence_since,
      lastSignalAt: r.last_signal_at,
      lastHeartbeatAt: r.last_heartbeat_at,
      statusText: r.status_text,
      statusAt: r.status_at,
    };
  }

  /** Stores a presence transition and makes it the current state. */
  transition(agentId: number, from: PresenceState, to: PresenceState, at: number, reason: string): void {
    this.ensureState(agentId, at);
    this.db.prepare('INSERT INTO agent_presence_events (agent_id, at, from_state, to_state, reason) VALUES (?, ?, ?, ?, ?)').run(agentId, at, from, to, reason);
    this.db.prepare('UPDATE agent_state SET presence = ?, presence_since = ? WHERE agent_id = ?').run(to, at, agentId);
  }

  openTasks(agentId: number): { count: number; newest: { taskId: string; title: string; startedAt: number } | null } {
    const { n } = this.db.prepare('SELECT count(*) AS n FROM agent_tasks WHERE agent_id = ? AND started_at IS NOT NULL AND finished_at IS NULL').get(agentId) as { n: number };
    const newest = this.db
      .prepare('SELECT task_id, title, started_at FROM agent_tasks WHERE agent_id = ? AND started_at IS NOT NULL AND finished_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1')
      .get(agentId) as { task_id: string; title: string; started_at: number } | undefined;
    return { count: n, newest: newest ? { taskId: newest.task_id, title: newest.title, startedAt: newest.started_at } : null };
  }

  finishedSince(agentId: number, since: number): { success: number; failure: number; avgQuality: number | null } {
    const r = this.db
      .prepare(
        "SELECT sum(outcome = 'success') AS s, sum(outcome = 'failure') AS f, avg(quality) AS q FROM agent_tasks WHERE agent_id = ? AND finished_at >= ?",
      )
      .get(agentId, since) as { s: number | null; f: number | null; q: number | null };
    return { success: r.s ?? 0, failure: r.f ?? 0, avgQuality: r.q };
  }

  trustInputs(agentId: number, since: number): { tasks: TrustTask[]; heartbeats: number[] } {
    const tasks = (
      this.db
        .prepare('SELECT finished_at, outcome, duration_ms FROM agent_tasks WHERE agent_id = ? AND finished_at >= ? ORDER BY finished_at DESC, id DESC LIMIT ?')
        .all(agentId, since, TRUST_MAX_TASKS) as Array<{ finished_at: number; outcome: 'success' | 'failure'; duration_ms: number | null }>
    ).map((r) => ({ finishedAt: r.finished_at, outcome: r.outcome, durationMs: r.duration_ms }));
    const heartbeats = (
      this.db
        .prepare("SELECT at FROM agent_signals WHERE agent_id = ? AND kind = 'heartbeat' AND at >= ? ORDER BY at DESC LIMIT ?")
        .all(agentId, since, TRUST_MAX_HEARTBEATS) as Array<{ at: number }>
    ).map((r) => r.at);
    return { tasks, heartbeats };
  }

  history(agentId: number, from: number, to: number): Omit<AgentHistory, 'agentId' | 'from' | 'to'> {
    const before = this.db
      .prepare('SELECT to_state FROM agent_presence_events WHERE agent_id = ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1')
      .get(agentId, from) as { to_state: PresenceState } | undefined;
    const presence = (
      this.db
        .prepare('SELECT at, from_state, to_state, reason FROM agent_presence_events WHERE agent_id = ? AND at >= ? AND at <= ? ORDER BY at, id')
        .all(agentId, from, to) as Array<{ at: number; from_state: PresenceState; to_state: PresenceState; reason: string }>
    ).map((r) => ({ at: r.at, from: r.from_state, to: r.to_state, reason: r.reason }));
    const rows = this.db
      .prepare(
        `SELECT task_id, title, started_at, finished_at, outcome, duration_ms, quality FROM agent_tasks
         WHERE agent_id = ? AND coalesce(finished_at, started_at) >= ? AND coalesce(finished_at, started_at) <= ?
         ORDER BY coalesce(finished_at, started_at) DESC, id DESC LIMIT ?`,
      )
      .all(agentId, from, to, HISTORY_MAX_TASKS + 1) as Array<{
      task_id: string;
      title: string;
      started_at: number | null;
      finished_at: number | null;
      outcome: 'success' | 'failure' | null;
      duration_ms: number | null;
      quality: number | null;
    }>;
    const tasks = rows
      .slice(0, HISTORY_MAX_TASKS)
      .reverse()
      .map((r) => ({ taskId: r.task_id, title: r.title, startedAt: r.started_at, finishedAt: r.finished_at, outcome: r.outcome, durationMs: r.duration_ms, quality: r.quality }));
    return { presenceAtStart: before?.to_state ?? 'OFFLINE', presence, tasks, tasksTruncated: rows.length > HISTORY_MAX_TASKS };
  }

  /** Raw signals older than `before` go; tasks, keys and transitions stay (they are small and are the history). */
  pruneSignals(before: number): number {
    return this.db.prepare('DELETE FROM agent_signals WHERE at < ?').run(before).changes;
  }
}
