import type Database from 'better-sqlite3';
import type { MonitorDefinition, MonitorDetail, MonitorSummary, ParsedInput, Series } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import { startIntervalLoop, type LoopRegistry, type LoopReporter } from '../loops/index.ts';
import { compileMonitor, type CheckRegistry } from './compile-monitor.ts';
import { MonitorQueries, type StoredState } from './monitor-queries.ts';
import { MonitorRepository, type MonitorRecord, type MonitorSource } from './monitor-repository.ts';
import { initialState, step, type ParentView } from './monitor-state.ts';
import { NetworkGuard } from './network-guard.ts';
import { runCheck, type CompiledMonitor } from './run-check.ts';
import type { PinnedHostKeyLookup } from './checks/check-kind.ts';
import { ResultWriter } from './result-writer.ts';
import { PublishedStates } from './published-states.ts';
import { pruneOldData, RETENTION_DEFAULTS, type RetentionPolicy } from './retention.ts';
import { Scheduler } from './scheduler.ts';
import { LagRecorder } from './lag-recorder.ts';
import { describeTarget } from './checks/registry.ts';
import type { FileMonitor } from './file-monitor.ts';
import { errorMessage } from '../core/error-message.ts';

export interface MonitoringOptions {
  db: Database.Database;
  events: EventBus;
  loops: LoopRegistry;
  registry: CheckRegistry;
  logger: Logger;
  guard?: NetworkGuard;
  now?: () => number;
  concurrency?: number;
  flushEveryMs?: number;
  retention?: Partial<RetentionPolicy>;
  onLag?: (lagMs: number) => void;
  /** Jitter source for first runs; tests pin it. */
  random?: () => number;
  /** Host-key pins for ssh monitors that pin no key of their own. */
  pinnedHostKey?: PinnedHostKeyLookup;
}

interface Live {
  record: MonitorRecord;
  compiled: CompiledMonitor;
}

/**
 * The monitoring engine: definitions in, scheduled checks, thresholds, incidents, batched storage,
 * events out. Data flows one way — check → state → writer → (commit) → shown: API, events, /metrics.
 */
export class MonitoringService {
  private readonly repo: MonitorRepository;
  private readonly queries: MonitorQueries;
  private readonly writer: ResultWriter;
  private readonly scheduler: Scheduler;
  private readonly guard: NetworkGuard;
  private readonly now: () => number;
  private readonly live = new Map<number, Live>();
  private readonly states = new PublishedStates();
  private readonly checksLoop: LoopReporter;
  private readonly stoppers: Array<() => Promise<void>> = [];
  private readonly retention: RetentionPolicy;
  readonly lag = new LagRecorder();

  constructor(private readonly o: MonitoringOptions) {
    this.repo = new MonitorRepository(o.db);
    this.queries = new MonitorQueries(o.db);
    this.writer = new ResultWriter(o.db);
    this.guard = o.guard ?? new NetworkGuard();
    this.now = o.now ?? Date.now;
    this.retention = { ...RETENTION_DEFAULTS, ...o.retention };
    this.checksLoop = o.loops.register('checks', 'Runs every monitor on its interval (one timer chain per monitor)', 60_000);
    this.scheduler = new Scheduler((id, signal) => this.runOne(id, signal), {
      concurrency: o.concurrency ?? 64,
      onLag: (lag) => {
        this.lag.record(lag);
        o.onLag?.(lag);
      },
      ...(o.random ? { random: o.random } : {}),
    });
  }

  /** Starts the engine; returns notices for the operator (monitors that could not be loaded). */
  start(): string[] {
    this.states.load(this.queries.states());
    const notices: string[] = [];
    const { records, problems } = this.repo.loadAll();
    for (const p of problems) notices.push(`Monitor ${p.id} could not be loaded and is not running (${p.reason}). It is kept in the database; fix or remove it.`);
    for (const record of records) {
      try {
        this.activate(record);
      } catch (err) {
        // A definition that no longer compiles (e.g. after an upgrade) must not stop the others.
        notices.push(`Monitor ${record.id} (${record.definition.name}) cannot run: ${errorMessage(err)}`);
      }
    }
    const flushEvery = this.o.flushEveryMs ?? 1000;
    const writerLoop = startIntervalLoop(
      this.o.loops.register('results-writer', 'Writes results, incidents and minute/hour/day rollups in one transaction per batch', flushEvery),
      flushEvery,
      () => this.flush(),
    );
    const retentionLoop = startIntervalLoop(
      this.o.loops.register('retention', `Prunes raw results older than ${this.retention.rawMs / 3_600_000} h and expired rollups`, this.retention.everyMs),
      this.retention.everyMs,
      () => pruneOldData(this.o.db, this.retention, this.now()),
    );
    this.stoppers.push(async () => {
      await writerLoop.stop();
      await writerLoop.runNow();
    });
    this.stoppers.push(() => retentionLoop.stop());
    return notices;
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    this.checksLoop.stopped();
    for (const stop of this.stoppers.splice(0)) await stop();
  }

  /**
   * Writes queued results now and, once that transaction has committed, shows and announces them.
   * A refused write throws before anything is shown; the batch stays queued for the next flush.
   */
  flush(): void {
    const report = this.writer.flush();
    const ids = this.states.publish(report.monitorIds);
    const monitors = ids.map((id) => this.summary(id)).filter((s): s is MonitorSummary => s !== undefined);
    if (monitors.length > 0) this.o.events.emit('monitorsUpdated', { monitors });
    if (report.incidentsChanged) this.o.events.emit('incidentsChanged', { incidents: this.queries.incidents(null, 20) });
  }

  // ── contract ─────────────────────────────────────────────────────────────────────────────────

  list(projectId?: string): MonitorSummary[] {
    const spark = this.queries.last24h(this.now());
    return [...this.live.values()]
      .filter((l) => projectId === undefined || l.record.definition.projectId === projectId)
      .map((l) => this.toSummary(l.record, spark.get(l.record.id)));
  }

  get(id: number): MonitorDetail {
    const live = this.require(id);
    const state = this.states.published(id);
    return {
      summary: this.summary(id)!,
      definition: live.record.definition,
      lastEvidence: state?.lastAt && state.lastEvidence ? { at: state.lastAt, evidence: state.lastEvidence } : null,
      recentResults: this.queries.recentResults(id, 50),
      incidents: this.queries.incidents(id, 20),
    };
  }

  series(id: number, range: Series['range']): Series {
    this.require(id);
    return this.queries.series(id, range, this.now());
  }

  incidents(monitorId: number | undefined, limit: number) {
    if (monitorId !== undefined) this.require(monitorId);
    return this.queries.incidents(monitorId ?? null, limit);
  }

  save(input: ParsedInput<'saveMonitor'>, source: MonitorSource = { type: 'ui' }): MonitorSummary {
    const { id, ...def } = input;
    compileMonitor(def, this.o.registry);
    if (id !== undefined) this.require(id);
    this.assertParent(id ?? null, def.parentId);
    const now = this.now();
    let savedId: number;
    if (id === undefined) {
      savedId = this.repo.insert(def, source, now);
    } else {
      this.repo.update(id, def, source, now);
      savedId = id;
    }
    this.activate(this.repo.get(savedId)!, { soon: true });
    this.announce(savedId);
    return this.summary(savedId)!;
  }

  remove(id: number): { removed: true } {
    this.require(id);
    this.deactivate(id);
    this.repo.remove(id);
    this.o.events.emit('monitorRemoved', { id });
    return { removed: true };
  }

  /** Stops, forgets and deletes every monitor of a project (before the project itself goes). */
  removeProjectMonitors(projectId: string): number {
    const ids = [...this.live.values()].filter((l) => l.record.definition.projectId === projectId).map((l) => l.record.id);
    ids.forEach((id) => this.remove(id));
    return ids.length;
  }

  setPaused(id: number, paused: boolean): MonitorSummary {
    const live = this.require(id);
    this.repo.setPaused(id, paused, this.now());
    live.record = { ...live.record, paused };
    this.scheduler.setPaused(id, paused);
    this.announce(id);
    return this.summary(id)!;
  }

  /**
   * Replaces the monitors a project's config file declares: matched by name (so history is kept),
   * new ones created, ones no longer listed removed. Everything is validated before anything is
   * written, and written in one transaction.
   */
  importFromFile(projectId: string, file: string, entries: readonly FileMonitor[]): { monitors: number; removed: number } {
    const defs = entries.map((e) => ({ ...e, definition: { ...e.definition, projectId, parentId: null } as MonitorDefinition }));
    defs.forEach((d) => compileMonitor(d.definition, this.o.registry));
    const existing = new Map(this.repo.fromFile(projectId, file).map((r) => [r.definition.name.toLowerCase(), r]));
    const now = this.now();
    const ids = new Map<string, number>();
    let removed: number[] = [];
    this.o.db.transaction(() => {
      for (const d of defs) {
        const key = d.definition.name.toLowerCase();
        const source: MonitorSource = { type: 'file', file, line: d.line };
        const found = existing.get(key);
        if (found) this.repo.update(found.id, d.definition, source, now);
        ids.set(key, found ? found.id : this.repo.insert(d.definition, source, now));
      }
      for (const d of defs) {
        if (d.dependsOn === null) continue;
        const id = ids.get(d.definition.name.toLowerCase())!;
        const parentId = ids.get(d.dependsOn.toLowerCase()) ?? null;
        this.repo.update(id, { ...d.definition, parentId }, { type: 'file', file, line: d.line }, now);
      }
      removed = [...existing.entries()].filter(([k]) => !ids.has(k)).map(([, r]) => r.id);
      removed.forEach((id) => this.repo.remove(id));
    })();
    removed.forEach((id) => {
      this.deactivate(id);
      this.o.events.emit('monitorRemoved', { id });
    });
    for (const id of ids.values()) {
      this.activate(this.repo.get(id)!, { soon: true });
      this.announce(id);
    }
    return { monitors: ids.size, removed: removed.length };
  }

  /** All monitors with their committed state, for the overview, hosts, alerts and /metrics. */
  snapshot(): Array<{ record: MonitorRecord; state: StoredState | undefined }> {
    return [...this.live.values()].map((l) => ({ record: l.record, state: this.states.published(l.record.id) }));
  }

  /**
   * Runs one monitor immediately, e.g. after a recovery action, and commits its result: whoever
   * asked reads it next, and results are shown only once stored. Rejects if the write is refused.
   */
  async runNow(id: number): Promise<void> {
    this.require(id);
    await this.scheduler.runNow(id);
    this.flush();
  }

  get repository(): MonitorRepository {
    return this.repo;
  }

  // ── engine ───────────────────────────────────────────────────────────────────────────────────

  private async runOne(id: number, signal: AbortSignal): Promise<void> {
    const live = this.live.get(id);
    if (!live) return;
    const result = await runCheck(live.compiled, this.guard, signal, this.now, this.o.pinnedHostKey);
    // A run cut short by shutdown says nothing about the target.
    if (signal.aborted || this.live.get(id) !== live) return;
    const prev = this.states.latest(id) ?? { ...initialState(result.at), lastAt: null, lastOutcome: null, lastLatency: null, lastMetric: null, lastEvidence: null, lastGoodAt: null };
    const def = live.record.definition;
    const { state, transition } = step(
      prev,
      { outcome: result.outcome, at: result.at, message: result.message, parent: this.parentView(def.parentId) },
      { failure: def.failureThreshold, success: def.successThreshold },
    );
    const good = result.outcome === 'up' || result.outcome === 'degraded';
    this.states.advance(id, {
      ...state,
      lastAt: result.at,
      lastOutcome: result.outcome,
      lastLatency: result.latencyMs,
      lastMetric: result.metric,
      lastEvidence: result.evidence,
      lastGoodAt: good ? result.at : prev.lastGoodAt,
    });
    this.writer.enqueue({
      monitorId: id,
      at: result.at,
      outcome: result.outcome,
      latencyMs: result.latencyMs,
      metric: result.metric,
      message: result.message,
      evidence: result.evidence,
      state,
      transition,
    });
    this.checksLoop.finished(result.at, result.internalError);
    // The check loop is late when nothing has run long after this monitor's next run was due.
    this.checksLoop.scheduled(result.at + def.intervalSeconds * 1000);
    // A held child asks for its parent's check now; a parent's fresh result releases held children.
    if (state.awaitingParent && def.parentId !== null) void this.scheduler.runNow(def.parentId);
    for (const child of this.live.values()) {
      if (child.record.definition.parentId === id && this.states.latest(child.record.id)?.awaitingParent) void this.scheduler.runNow(child.record.id);
    }
  }

  private parentView(parentId: number | null): ParentView | undefined {
    if (parentId === null) return undefined;
    const parent = this.live.get(parentId);
    // The engine's own view: thresholds build on the latest result, committed or not yet.
    const state = this.states.latest(parentId);
    // A paused parent says nothing about its children: they are judged on their own.
    if (!parent || parent.record.paused) return undefined;
    if (!state) return { id: parentId, name: parent.record.definition.name, failing: false, lastResultAt: null };
    return {
      id: parentId,
      name: parent.record.definition.name,
      failing: state.health === 'down' || state.lastOutcome === 'down',
      lastResultAt: state.lastAt,
    };
  }

  /** `soon`: a new or edited monitor shows its first result within seconds, not after a whole interval. */
  private activate(record: MonitorRecord, { soon = false } = {}): void {
    const compiled = compileMonitor(record.definition, this.o.registry);
    this.live.set(record.id, { record, compiled });
    this.scheduler.add(record.id, record.definition.intervalSeconds * 1000, {
      paused: record.paused,
      lastRunAt: soon ? null : (this.states.latest(record.id)?.lastAt ?? null),
      spreadMs: soon ? 5_000 : 60_000,
    });
  }

  private deactivate(id: number): void {
    this.scheduler.remove(id);
    this.live.delete(id);
    this.states.forget(id);
    this.writer.forget(id);
    if (this.live.size === 0) this.checksLoop.scheduled(null);
  }

  private announce(id: number): void {
    const s = this.summary(id);
    if (s) this.o.events.emit('monitorsUpdated', { monitors: [s] });
  }

  private summary(id: number): MonitorSummary | undefined {
    const live = this.live.get(id);
    if (!live) return undefined;
    return this.toSummary(live.record, this.queries.last24h(this.now(), id).get(id));
  }

  private toSummary(record: MonitorRecord, last24h: MonitorSummary['last24h'] | undefined): MonitorSummary {
    const def = record.definition;
    const state = this.states.published(record.id);
    return {
      id: record.id,
      projectId: def.projectId,
      name: def.name,
      kind: def.target.kind,
      target: describeTarget(def.target),
      role: def.role,
      parentId: def.parentId,
      status: state?.status ?? 'PENDING',
      statusSince: state?.since ?? record.createdAt,
      reason: record.paused ? 'paused' : (state?.reason ?? 'no result yet'),
      blockedBy: state?.blockedBy ?? null,
      paused: record.paused,
      intervalSeconds: def.intervalSeconds,
      lastCheckedAt: state?.lastAt ?? null,
      lastLatencyMs: state?.lastLatency ?? null,
      lastMetric: state?.lastMetric ?? null,
      source: record.source,
      last24h: last24h ?? null,
    };
  }

  private require(id: number): Live {
    const live = this.live.get(id);
    if (!live) throw new ContractError('NOT_FOUND', `No monitor with id ${id}`, 'id');
    return live;
  }

  private assertParent(id: number | null, parentId: MonitorDefinition['parentId']): void {
    if (parentId === null) return;
    if (!this.live.has(parentId)) throw new ContractError('INVALID_INPUT', `parentId: no monitor with id ${parentId}`, 'parentId');
    for (let p: number | null = parentId, hops = 0; p !== null; p = this.live.get(p)?.record.definition.parentId ?? null, hops++) {
      if (p === id || hops > this.live.size) {
        throw new ContractError('INVALID_INPUT', 'parentId: a monitor cannot depend on itself, directly or through others', 'parentId');
      }
    }
  }
}
