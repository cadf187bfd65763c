import type Database from 'better-sqlite3';
import type { ConfigProblem } from '../../preload/contract.ts';
import type { RunbookDefinition, RunbookSummary, RunDetail, RunPlan, RunSummary } from '../../preload/schemas/recovery.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import type { HostRecord, HostsService } from '../hosts/index.ts';
import { startIntervalLoop, type LoopRegistry } from '../loops/index.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { SecretStore } from '../secrets/index.ts';
import { builtinRunbooks, findOnPath } from './builtin-runbooks.ts';
import { executeRun } from './execute-run.ts';
import { planRunbook, type ParamValues } from './plan-runbook.ts';
import { toSummary, type FileRunbook, type Runbook } from './runbook.ts';
import { checkRunbookDefinition, refusedPatternNotices, RunbookRepository, storedToRunbook } from './runbook-repository.ts';
import { nextDue } from './runbook-schedule.ts';
import { RunLog, type RunFilter } from './run-log.ts';
import { errorMessage } from '../core/error-message.ts';

const OUTPUT_EVENT_EVERY_MS = 100;
const SCHEDULE_CHECK_EVERY_MS = 30_000;

export interface RecoveryOptions {
  db: Database.Database;
  events: EventBus;
  hosts: HostsService;
  monitoring: MonitoringService;
  secrets: SecretStore;
  loops: LoopRegistry;
  logger: Logger;
  now?: () => number;
  /** Where local programs are looked up; tests point it at a directory of stand-ins. */
  which?: (program: string) => string | null;
  /** Pause between SSH/monitor polls while waiting for a host. */
  pollMs?: number;
}

interface ActiveRun {
  cancel: AbortController;
  done: Promise<RunSummary>;
}

export type RunTrigger = RunSummary['trigger'];

/**
 * Runbooks for hosts: built-in and user-defined, previewed, confirmed, run with live output, and
 * written to the audit log. One run per host at a time: two recoveries racing on one VM help nobody.
 */
export class RecoveryService {
  private readonly repo: RunbookRepository;
  private readonly log: RunLog;
  private readonly active = new Map<number, ActiveRun>();
  private readonly busyHosts = new Set<number>();
  private pendingOutput: Array<{ runId: number; stream: 'stdout' | 'stderr' | 'info'; text: string }> = [];
  private outputTimer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly which: (program: string) => string | null;
  private scheduleLoop: ReturnType<typeof startIntervalLoop> | null = null;
  private stopping = false;

  constructor(private readonly o: RecoveryOptions) {
    this.now = o.now ?? Date.now;
    this.which = o.which ?? ((p) => findOnPath(p));
    this.repo = new RunbookRepository(o.db, this.now);
    this.log = new RunLog(o.db);
  }

  /** Closes runs a previous process left open, reports refused stored patterns and starts the schedule loop; returns notices. */
  startLoops(): string[] {
    const abandoned = this.log.closeAbandoned(this.now());
    const reporter = this.o.loops.register('runbook-schedule', 'Runs read-only runbooks that are due on their schedule', SCHEDULE_CHECK_EVERY_MS);
    this.scheduleLoop = startIntervalLoop(reporter, SCHEDULE_CHECK_EVERY_MS, () => this.runDueSchedules(), 5_000);
    const closed = abandoned > 0 ? [`${abandoned} runbook run${abandoned === 1 ? ' was' : 's were'} still open from a previous start and ${abandoned === 1 ? 'is' : 'are'} now marked failed in the audit log`] : [];
    return [...closed, ...refusedPatternNotices(this.repo.all())];
  }

  /** Cancels what runs first: the schedule loop's stop waits for the run it started. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const run of this.active.values()) run.cancel.abort();
    await this.scheduleLoop?.stop();
    await Promise.all([...this.active.values()].map((r) => r.done));
    this.flushOutput();
  }

  runbooksFor(hostId: number): RunbookSummary[] {
    const host = this.o.hosts.require(hostId);
    return this.all(host).map((r) => toSummary(r, this.nextRunAt(r)));
  }

  saveRunbook(def: RunbookDefinition, source = 'ui'): RunbookSummary {
    if (def.hostId !== null) this.o.hosts.require(def.hostId);
    if (def.id !== undefined && !this.repo.get(def.id)) throw new ContractError('NOT_FOUND', `No runbook with id ${def.id}`, 'id');
    checkRunbookDefinition(def);
    if (def.schedule !== null) {
      try {
        nextDue(def.schedule, null, this.now());
      } catch {
        throw new ContractError('INVALID_INPUT', `schedule ${def.schedule} names no real time of day`, 'schedule');
      }
    }
    const id = this.repo.save(def, source);
    return toSummary(storedToRunbook(this.repo.get(id)!), null);
  }

  /**
   * Checks runbooks read from a photon.yml; returns a problem per bad entry, applies nothing.
   * Hosts are named in the file and must exist as host profiles.
   */
  checkFileRunbooks(file: string, entries: readonly FileRunbook[], projectId: string): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const e of entries) {
      const host = this.o.hosts.repo.byName(e.host);
      if (!host) {
        problems.push({ file, line: e.line, column: 1, message: `runbook "${e.definition.name}": no host profile named "${e.host}"; add it in Settings → Hosts & Credentials first` });
        continue;
      }
      // A repository's file may act on its own project's hosts (or unassigned ones), never another project's.
      if (host.projectId !== null && host.projectId !== projectId) {
        problems.push({ file, line: e.line, column: 1, message: `runbook "${e.definition.name}": host "${host.name}" belongs to another project` });
        continue;
      }
      try {
        checkRunbookDefinition({ ...e.definition, hostId: host.id });
        if (e.definition.schedule !== null) nextDue(e.definition.schedule, null, this.now());
      } catch (err) {
        const field = err instanceof ContractError && err.field ? `${err.field}: ` : '';
        problems.push({ file, line: e.line, column: 1, message: `runbook "${e.definition.name}": ${field}${(err as Error).message}` });
      }
    }
    return problems;
  }

  /** Replaces the runbooks that came from `file` with `entries` (already checked). */
  replaceFileRunbooks(file: string, entries: readonly FileRunbook[]): { runbooks: number; removed: number } {
    const fromFile = this.repo.all().filter((r) => r.source.startsWith(`${file}:`));
    this.o.db.transaction(() => {
      fromFile.forEach((r) => this.repo.remove(r.id));
      for (const e of entries) this.repo.save({ ...e.definition, hostId: this.o.hosts.repo.byName(e.host)!.id }, `${file}:${e.line}`);
    })();
    return { runbooks: entries.length, removed: fromFile.length };
  }

  removeRunbook(id: number): { removed: true } {
    if (!this.repo.remove(id)) throw new ContractError('NOT_FOUND', `No runbook with id ${id}`, 'id');
    return { removed: true };
  }

  preview(hostId: number, runbookId: string, params: ParamValues): RunPlan {
    const host = this.o.hosts.require(hostId);
    return planRunbook(this.find(host, runbookId), host, params).view;
  }

  /**
   * Starts a run and returns its audit record at once; output follows as runOutput events and the
   * end as a runChanged event. `confirmation` must be the plan's confirm phrase, typed by a person;
   * only read-only runbooks run unattended (trigger "schedule").
   */
  start(hostId: number, runbookId: string, params: ParamValues, confirmation: string | null, trigger: RunTrigger): RunSummary {
    const host = this.o.hosts.require(hostId);
    const runbook = this.find(host, runbookId);
    const plan = planRunbook(runbook, host, params);
    if (trigger === 'schedule') {
      if (!runbook.readOnly) throw new ContractError('FORBIDDEN', `${runbook.name} changes the host, so it never runs unattended`);
    } else if (confirmation === null || confirmation.trim() !== plan.view.confirmPhrase) {
      const what = runbook.danger === 'disruptive' ? `the host name "${host.name}"` : '"yes"';
      throw new ContractError('INVALID_INPUT', `type ${what} to confirm ${runbook.name} on ${host.name}; nothing was run`, 'confirmation');
    }
    if (this.stopping) throw new ContractError('UNAVAILABLE', 'Photon is shutting down; nothing was run');
    if (this.busyHosts.has(host.id)) throw new ContractError('CONFLICT', `another runbook is running on ${host.name}; wait for it or cancel it first`);
    if (!host.pin && runbook.steps.some((s) => 'remote' in s || 'waitForSsh' in s)) {
      throw new ContractError(
        'CONFLICT',
        `the host key of ${host.name} is not pinned yet: check it in Settings → Hosts & Credentials and confirm its fingerprint first; nothing was run`,
        'hostId',
      );
    }

    const runId = this.log.start({
      hostId: host.id,
      host: host.name,
      runbookId: runbook.id,
      runbook: runbook.name,
      trigger,
      params: plan.params,
      commands: plan.view.commands,
      startedAt: this.now(),
    });
    const started = this.log.summary(runId)!;
    const cancel = new AbortController();
    const timeout = AbortSignal.timeout(runbook.timeoutSeconds * 1000);
    this.busyHosts.add(host.id);
    const done = executeRun(
      plan.steps,
      {
        host,
        secrets: this.o.secrets,
        monitoring: this.o.monitoring,
        emit: (stream, text) => this.queueOutput(runId, stream, text),
        which: this.which,
        ...(this.o.pollMs !== undefined && { pollMs: this.o.pollMs }),
      },
      { cancel: cancel.signal, timeout },
    )
      .then((result) => {
        this.log.finish(runId, { ...result, finishedAt: this.now() });
        return this.log.summary(runId)!;
      })
      .catch((err: unknown) => {
        // executeRun reports failures as results; reaching here is a bug (or a failed audit write), still recorded.
        const message = `internal error: ${errorMessage(err)}`;
        this.o.logger.error(`runbook run ${runId}: ${message}`);
        try {
          this.log.finish(runId, { status: 'failed', finishedAt: this.now(), exitCode: null, output: '', outputBytes: 0, outputSha256: '', recovered: null, verification: null, error: message });
          return this.log.summary(runId)!;
        } catch {
          // The store itself is failing: the record is closed as failed at the next start.
          return { ...started, status: 'failed' as const, finishedAt: this.now(), durationMs: this.now() - started.startedAt, error: message };
        }
      })
      .finally(() => {
        this.busyHosts.delete(host.id);
        this.active.delete(runId);
        this.flushOutput();
      })
      .then((summary) => {
        this.o.events.emit('runChanged', { run: summary });
        this.o.hosts.announce();
        return summary;
      });
    this.active.set(runId, { cancel, done });
    this.o.events.emit('runChanged', { run: started });
    return started;
  }

  /** The finished record of a run started here (the CLI and tests wait on it). */
  finished(runId: number): Promise<RunSummary> {
    const run = this.active.get(runId);
    if (run) return run.done;
    const summary = this.log.summary(runId);
    if (!summary) return Promise.reject(new ContractError('NOT_FOUND', `No run with id ${runId}`, 'runId'));
    return Promise.resolve(summary);
  }

  cancel(runId: number): RunSummary {
    const summary = this.log.summary(runId);
    if (!summary) throw new ContractError('NOT_FOUND', `No run with id ${runId}`, 'runId');
    const run = this.active.get(runId);
    if (!run) throw new ContractError('CONFLICT', `run ${runId} is not running (it ${summary.status})`, 'runId');
    run.cancel.abort();
    return summary;
  }

  list(filter: RunFilter): RunSummary[] {
    return this.log.list(filter);
  }

  get(runId: number): RunDetail {
    const run = this.log.get(runId);
    if (!run) throw new ContractError('NOT_FOUND', `No run with id ${runId}`, 'runId');
    return run;
  }

  private all(host: HostRecord): Runbook[] {
    const custom = this.repo
      .all()
      .filter((r) => r.definition.hostId === null || r.definition.hostId === host.id)
      .map(storedToRunbook);
    return [...builtinRunbooks(host, this.which), ...custom];
  }

  private find(host: HostRecord, runbookId: string): Runbook {
    const found = this.all(host).find((r) => r.id === runbookId);
    if (!found) throw new ContractError('NOT_FOUND', `No runbook "${runbookId}" for host ${host.name}`, 'runbookId');
    return found;
  }

  private nextRunAt(r: Runbook): number | null {
    if (r.schedule === null || r.builtin) return null;
    const stored = this.repo.get(Number(r.id));
    return stored ? nextDue(r.schedule, stored.lastScheduledAt, stored.lastScheduledAt ?? this.now()) : null;
  }

  private async runDueSchedules(): Promise<void> {
    const now = this.now();
    const failures: string[] = [];
    for (const stored of this.repo.all()) {
      if (this.stopping) break;
      const def = stored.definition;
      if (def.schedule === null || def.hostId === null || !def.readOnly) continue;
      if (stored.lastScheduledAt !== null && nextDue(def.schedule, stored.lastScheduledAt, now) > now) continue;
      if (stored.lastScheduledAt === null && !def.schedule.startsWith('every ')) {
        // A daily/weekly runbook first runs at its next wall-clock time, not the moment it is saved.
        this.repo.markScheduled(stored.id, now);
        continue;
      }
      if (this.busyHosts.has(def.hostId)) continue;
      this.repo.markScheduled(stored.id, now);
      try {
        const defaults = Object.fromEntries(def.params.map((p) => [p.name, p.default!]));
        await this.finished(this.start(def.hostId, String(stored.id), defaults, null, 'schedule').id);
      } catch (err) {
        failures.push(`${def.name}: ${errorMessage(err)}`);
      }
    }
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  private queueOutput(runId: number, stream: 'stdout' | 'stderr' | 'info', text: string): void {
    this.pendingOutput.push({ runId, stream, text });
    this.outputTimer ??= setTimeout(() => this.flushOutput(), OUTPUT_EVENT_EVERY_MS);
  }

  private flushOutput(): void {
    if (this.outputTimer) clearTimeout(this.outputTimer);
    this.outputTimer = null;
    if (this.pendingOutput.length === 0) return;
    const chunks = this.pendingOutput;
    this.pendingOutput = [];
    this.o.events.emit('runOutput', { chunks });
  }
}
