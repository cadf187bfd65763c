import type Database from 'better-sqlite3';
import type { AgentHistory, AgentSummary, PresenceState } from '../../preload/schemas/agents.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import { throttle } from '../core/throttle.ts';
import { errorMessage } from '../core/error-message.ts';
import { secretFailure, type SecretRef, type SecretStore } from '../secrets/index.ts';
import { ActivityStore, type RecordOutcome } from './activity-store.ts';
import { AgentSettingsRepository } from './agent-settings.ts';
import { readPresence } from './presence.ts';
import type { AgentReport } from './report.ts';
import { AgentRoster, type AgentFields, type AgentRecord } from './roster.ts';
import { hashPushToken, looksLikePushToken, newPushToken } from './tokens.ts';
import { computeTrust, TRUST_PARAMS } from './trust.ts';

const DAY_MS = 86_400_000;
/** Reports arrive in bursts; the renderer needs the changed cards a few times a second, not per report. */
const UPDATE_EVENT_EVERY_MS = 250;
/** Heartbeats and status lines older than this are pruned; tasks and transitions are kept. */
export const SIGNAL_RETENTION_DAYS = 30;
const RANGE_MS = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const;

export interface AgentsServiceDeps {
  db: Database.Database;
  events: EventBus;
  secrets: SecretStore;
  logger: Logger;
  now?: () => number;
}

/**
 * The agents domain: roster, reports, presence and trust. Every write goes through here so that the
 * changed agents are announced (agentsUpdated) — the renderer never polls.
 */
export class AgentsService {
  readonly roster: AgentRoster;
  readonly activity: ActivityStore;
  readonly settings: AgentSettingsRepository;
  private readonly now: () => number;
  private readonly changed = new Set<number>();
  private readonly announce = throttle(() => this.flush(), UPDATE_EVENT_EVERY_MS);

  constructor(private readonly deps: AgentsServiceDeps) {
    this.roster = new AgentRoster(deps.db);
    this.activity = new ActivityStore(deps.db);
    this.settings = new AgentSettingsRepository(deps.db);
    this.now = deps.now ?? Date.now;
  }

  /** Every project gets the default roster A–F once. */
  seedProjects(projectIds: readonly string[]): void {
    const now = this.now();
    for (const id of projectIds) {
      if (this.roster.seedDefaults(id, now)) this.roster.list(id).forEach((a) => this.markChanged(a.id));
    }
  }

  list(projectId: string | null): AgentSummary[] {
    const now = this.now();
    return this.roster.list(projectId).map((a) => this.summarize(a, now));
  }

  summary(id: number): AgentSummary {
    return this.summarize(this.roster.require(id), this.now());
  }

  add(projectId: string, code: string | undefined, fields: AgentFields): AgentSummary {
    const agent = this.roster.add(projectId, code, fields, this.now());
    this.markChanged(agent.id);
    return this.summary(agent.id);
  }

  update(id: number, fields: AgentFields): AgentSummary {
    this.roster.update(id, fields, this.now());
    this.markChanged(id);
    return this.summary(id);
  }

  /** Revokes the push token at once; the keychain copy goes too (best effort: the hash is what grants access). */
  async retire(id: number): Promise<AgentSummary> {
    const agent = this.roster.require(id);
    if (agent.retiredAt !== null) throw new ContractError('CONFLICT', `Agent ${agent.code} was already retired`, 'id');
    this.roster.retire(id, this.now());
    if (agent.tokenRef) await this.forgetSecret(agent.tokenRef as SecretRef);
    this.markChanged(id);
    return this.summary(id);
  }

  /** A new push token, returned once; any previous token of the agent stops working. */
  async createToken(id: number): Promise<{ agentId: number; token: string; createdAt: number }> {
    const agent = this.roster.require(id);
    if (agent.retiredAt !== null) throw new ContractError('CONFLICT', `Agent ${agent.code} is retired; it cannot get a push token`, 'id');
    const token = newPushToken();
    let ref: SecretRef;
    try {
      ref = await this.deps.secrets.put('api-token', token, `push token of agent ${agent.code} (${agent.name})`.slice(0, 100));
    } catch (err) {
      throw secretFailure(err, 'The push token was not created');
    }
    const createdAt = this.now();
    // Re-read: a retire may have landed while the keychain was busy.
    if (this.roster.require(id).retiredAt !== null) {
      await this.forgetSecret(ref);
      throw new ContractError('CONFLICT', `Agent ${agent.code} was retired meanwhile; no token was created`, 'id');
    }
    this.roster.setToken(id, hashPushToken(token), ref, createdAt);
    if (agent.tokenRef) await this.forgetSecret(agent.tokenRef as SecretRef);
    this.markChanged(id);
    return { agentId: id, token, createdAt };
  }

  /** The live agent holding this push token, or null. Only the hash is compared, in SQL. */
  authenticate(token: string): AgentRecord | null {
    if (!looksLikePushToken(token)) return null;
    return this.roster.findByTokenHash(hashPushToken(token));
  }

  /** Stores one report atomically with the presence transition it causes. */
  report(agent: AgentRecord, report: AgentReport, at: number, source: string): RecordOutcome {
    const now = this.now();
    const outcome = this.deps.db.transaction(() => {
      const result = this.activity.record(agent.id, report, at, source);
      if (result.stored) this.updatePresence(agent, now, Math.min(at, now));
      return result;
    })();
    if (outcome.stored) this.markChanged(agent.id);
    return outcome;
  }

  /** The staleness sweep: moves silent agents to STALE/OFFLINE at the moment the threshold passed. */
  sweep(): number {
    const now = this.now();
    let transitions = 0;
    this.deps.db.transaction(() => {
      for (const agent of this.roster.list(null)) {
        if (agent.retiredAt !== null) continue;
        if (this.updatePresence(agent, now, null)) {
          transitions++;
          this.markChanged(agent.id);
        }
      }
      this.activity.pruneSignals(now - SIGNAL_RETENTION_DAYS * DAY_MS);
    })();
    return transitions;
  }

  history(id: number, range: keyof typeof RANGE_MS): AgentHistory {
    this.roster.require(id);
    const to = this.now();
    const from = to - RANGE_MS[range];
    return { agentId: id, from, to, ...this.activity.history(id, from, to) };
  }

  /** Sends pending agentsUpdated now (shutdown, tests). */
  flush(): void {
    this.announce.cancel();
    if (this.changed.size === 0) return;
    const now = this.now();
    const agents: AgentSummary[] = [];
    for (const id of this.changed) {
      const agent = this.roster.get(id);
      if (agent) agents.push(this.summarize(agent, now));
    }
    this.changed.clear();
    if (agents.length > 0) this.deps.events.emit('agentsUpdated', { agents });
  }

  close(): void {
    // The pending announce would read the database after its owner closed it.
    this.announce.cancel();
    this.flush();
  }

  markChanged(id: number): void {
    this.changed.add(id);
    this.announce.call();
  }

  /** Returns true when the presence changed. `at` is the time of a report, null in the sweep. */
  private updatePresence(agent: AgentRecord, now: number, at: number | null): boolean {
    const state = this.activity.state(agent.id);
    const thresholds = this.settings.thresholds(agent.projectId);
    const current: PresenceState = state?.presence ?? 'OFFLINE';
    const reading = readPresence(state?.lastSignalAt ?? null, this.activity.openTasks(agent.id).count, thresholds, now);
    if (reading.state === current) return false;
    if (at === null && reading.state === 'OFFLINE' && (current === 'ONLINE' || current === 'IDLE')) {
      // The sweep missed the stale phase (the app was closed): the timeline still shows it.
      const staleAt = state!.lastSignalAt! + thresholds.staleAfterSeconds * 1000;
      this.activity.transition(agent.id, current, 'STALE', staleAt, `no report for more than ${thresholds.staleAfterSeconds} s`);
      this.activity.transition(agent.id, 'STALE', 'OFFLINE', reading.since, reading.reason);
      return true;
    }
    // A report dates ONLINE/IDLE; STALE/OFFLINE (an old pulled row, or the sweep) date from the threshold crossing.
    const live = reading.state === 'ONLINE' || reading.state === 'IDLE';
    const since = Math.max(live && at !== null ? at : reading.since, state?.presenceSince ?? 0);
    this.activity.transition(agent.id, current, reading.state, Math.min(since, now), reading.reason);
    return true;
  }

  private summarize(agent: AgentRecord, now: number): AgentSummary {
    const state = this.activity.state(agent.id);
    const open = this.activity.openTasks(agent.id);
    const thresholds = this.settings.thresholds(agent.projectId);
    const inputs = this.activity.trustInputs(agent.id, now - TRUST_PARAMS.windowDays * DAY_MS);
    return {
      id: agent.id,
      projectId: agent.projectId,
      code: agent.code,
      name: agent.name,
      role: agent.role,
      capabilities: agent.capabilities,
      backedBy: agent.backedBy,
      retiredAt: agent.retiredAt,
      presence: state?.presence ?? 'OFFLINE',
      presenceSince: state?.presenceSince ?? agent.createdAt,
      lastSignalAt: state?.lastSignalAt ?? null,
      lastHeartbeatAt: state?.lastHeartbeatAt ?? null,
      status: state?.statusText != null && state.statusAt != null ? { text: state.statusText, at: state.statusAt } : null,
      currentTask: open.newest,
      tasksInProgress: open.count,
      last24h: this.activity.finishedSince(agent.id, now - DAY_MS),
      token: agent.tokenCreatedAt !== null ? { createdAt: agent.tokenCreatedAt } : null,
      trust: computeTrust({ ...inputs, expectedHeartbeatSeconds: thresholds.heartbeatSeconds, now }),
    };
  }

  private async forgetSecret(ref: SecretRef): Promise<void> {
    try {
      await this.deps.secrets.delete(ref);
    } catch (err) {
      this.deps.logger.warn(`Could not delete ${ref} from the keychain: ${errorMessage(err)}`);
    }
  }
}

