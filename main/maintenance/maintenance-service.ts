import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { MaintenanceRepository, type MaintenanceWindowRecord } from './maintenance-repository.ts';
import { activeOccurrence, assertTimeZone, nextOccurrence, occurrencesBetween, type MaintenanceSchedule, type Occurrence } from './schedule.ts';
import type Database from 'better-sqlite3';

export interface MaintenanceWindowView extends MaintenanceWindowRecord {
  monitorName: string;
  activeNow: Occurrence | null;
  next: Occurrence | null;
}

export interface MonitorLookup {
  parentOf(id: number): number | null;
  nameOf(id: number): string | null;
}

export interface MaintenanceInput {
  id?: number | undefined;
  name: string;
  monitorId: number;
  scope: 'monitor' | 'host';
  schedule: MaintenanceSchedule;
}

/**
 * Maintenance windows hold alerts; they never stop checks. Results and incidents are recorded as
 * usual, so the charts show what happened during the work.
 */
export class MaintenanceService {
  private readonly repo: MaintenanceRepository;

  constructor(
    db: Database.Database,
    private readonly monitors: MonitorLookup,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = new MaintenanceRepository(db);
  }

  list(): MaintenanceWindowView[] {
    const now = this.now();
    return this.repo.list().map((w) => ({
      ...w,
      monitorName: this.monitors.nameOf(w.monitorId) ?? `monitor ${w.monitorId}`,
      activeNow: activeOccurrence(w.schedule, now),
      next: nextOccurrence(w.schedule, now),
    }));
  }

  save(input: MaintenanceInput): MaintenanceWindowView {
    if (this.monitors.nameOf(input.monitorId) === null) throw new ContractError('INVALID_INPUT', `monitorId: no monitor with id ${input.monitorId}`, 'monitorId');
    if (input.schedule.type === 'weekly') {
      try {
        assertTimeZone(input.schedule.timezone);
      } catch (err) {
        throw new ContractError('INVALID_INPUT', `schedule.timezone: ${(err as Error).message}`, 'schedule.timezone');
      }
    }
    const fields = { name: input.name, monitorId: input.monitorId, scope: input.scope, schedule: input.schedule };
    let id: number;
    if (input.id !== undefined) {
      if (!this.repo.get(input.id)) throw new ContractError('NOT_FOUND', `No maintenance window with id ${input.id}`, 'id');
      this.repo.update(input.id, fields);
      id = input.id;
    } else {
      id = this.repo.insert(fields, this.now());
    }
    this.announce();
    return this.list().find((w) => w.id === id)!;
  }

  remove(id: number): { removed: true } {
    if (!this.repo.remove(id)) throw new ContractError('NOT_FOUND', `No maintenance window with id ${id}`, 'id');
    this.announce();
    return { removed: true };
  }

  /** The window holding alerts for this monitor at `at`: its own, or a host window on an ancestor. */
  activeFor(monitorId: number, at: number): { window: MaintenanceWindowRecord; occurrence: Occurrence } | null {
    const covering = this.coveringWindows(monitorId);
    for (const window of covering) {
      const occurrence = activeOccurrence(window.schedule, at);
      if (occurrence) return { window, occurrence };
    }
    return null;
  }

  /** Occurrences covering a monitor in [from, to), for its charts. */
  occurrencesFor(monitorId: number, from: number, to: number): Array<Occurrence & { name: string; windowId: number }> {
    return this.coveringWindows(monitorId)
      .flatMap((w) => occurrencesBetween(w.schedule, from, to).map((o) => ({ ...o, name: w.name, windowId: w.id })))
      .sort((a, b) => a.start - b.start);
  }

  private coveringWindows(monitorId: number): MaintenanceWindowRecord[] {
    const ancestors = new Set<number>();
    for (let p = this.monitors.parentOf(monitorId), hops = 0; p !== null && hops < 64; p = this.monitors.parentOf(p), hops++) ancestors.add(p);
    return this.repo.list().filter((w) => w.monitorId === monitorId || (w.scope === 'host' && ancestors.has(w.monitorId)));
  }

  /**
   * Announces the windows again when one has started or ended since the last call, so the views
   * learn it from an event instead of computing schedules on a timer. Called by the alert loop.
   */
  announceTransitions(at: number): void {
    const active = this.repo
      .list()
      .filter((w) => activeOccurrence(w.schedule, at) !== null)
      .map((w) => w.id)
      .join(',');
    if (this.lastActive !== null && active !== this.lastActive) this.announce();
    this.lastActive = active;
  }

  private lastActive: string | null = null;

  private announce(): void {
    this.events.emit('maintenanceChanged', { windows: this.list() });
  }
}
