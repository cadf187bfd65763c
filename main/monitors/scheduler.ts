import { Semaphore } from './semaphore.ts';

interface Entry {
  id: number;
  intervalMs: number;
  /** When the next run is due (ms since epoch); runs are planned on a fixed grid, so no drift. */
  planned: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  paused: boolean;
}

export interface SchedulerOptions {
  /** Global cap on checks in flight. */
  concurrency: number;
  now?: () => number;
  random?: () => number;
  /** Called with how late each run started versus its plan (ms), e.g. for the bench's lag figures. */
  onLag?: (lagMs: number) => void;
}

export type RunFn = (id: number, signal: AbortSignal) => Promise<void>;

/**
 * One timer chain per monitor. The first run is jittered across the interval so a thousand monitors
 * added at once do not fire together; each later run is due one interval after the previous plan
 * (not after the previous finish), and the next timer is set only when the run finished, so one
 * monitor never runs twice at once. A run that overran skips the slots it missed.
 */
export class Scheduler {
  private readonly entries = new Map<number, Entry>();
  private readonly slots: Semaphore;
  private readonly shutdown = new AbortController();
  private readonly now: () => number;
  private readonly random: () => number;
  private stopped = false;

  constructor(
    private readonly run: RunFn,
    private readonly options: SchedulerOptions,
  ) {
    this.slots = new Semaphore(options.concurrency);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get signal(): AbortSignal {
    return this.shutdown.signal;
  }

  /**
   * Schedules a monitor. With the time of its last result, the next run keeps that rhythm (a restart
   * does not reset a daily check); otherwise, or when overdue, it runs soon, jittered over at most
   * `spreadMs` so many monitors added or restarted together do not fire at once.
   */
  add(id: number, intervalMs: number, options: { paused?: boolean; lastRunAt?: number | null; spreadMs?: number } = {}): void {
    const old = this.entries.get(id);
    this.remove(id);
    const now = this.now();
    const due = options.lastRunAt != null ? options.lastRunAt + intervalMs : null;
    const spread = Math.min(intervalMs, options.spreadMs ?? 60_000);
    const planned = due !== null && due > now ? due : now + Math.floor(this.random() * spread);
    const entry: Entry = { id, intervalMs, planned, timer: null, running: null, paused: options.paused ?? false };
    this.entries.set(id, entry);
    if (old?.running) {
      // Edited mid-run: the new schedule starts once the old run settles, never beside it.
      entry.running = old.running;
      void old.running.finally(() => {
        if (this.entries.get(id) !== entry || entry.running !== old.running) return;
        entry.running = null;
        this.arm(entry);
      });
      return;
    }
    this.arm(entry);
  }

  remove(id: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    this.entries.delete(id);
  }

  setPaused(id: number, paused: boolean): void {
    const e = this.entries.get(id);
    if (!e || e.paused === paused) return;
    e.paused = paused;
    if (paused) {
      if (e.timer) clearTimeout(e.timer);
      e.timer = null;
    } else {
      e.planned = this.now();
      if (!e.running) this.arm(e);
    }
  }

  /** Runs a monitor now (e.g. after an edit or a recovery action), then resumes its grid. */
  async runNow(id: number): Promise<void> {
    const e = this.entries.get(id);
    if (!e || this.stopped) return;
    if (e.running) return e.running;
    if (e.timer) clearTimeout(e.timer);
    e.timer = null;
    e.planned = this.now();
    await this.fire(e);
  }

  nextRunAt(id: number): number | null {
    const e = this.entries.get(id);
    return e && !e.paused ? e.planned : null;
  }

  get size(): number {
    return this.entries.size;
  }

  get inFlight(): number {
    return this.slots.inUse;
  }

  /** Stops every timer, aborts checks in flight and waits for them to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort(new Error('the monitoring engine is shutting down'));
    const running: Promise<void>[] = [];
    for (const e of this.entries.values()) {
      if (e.timer) clearTimeout(e.timer);
      if (e.running) running.push(e.running);
    }
    await Promise.allSettled(running);
  }

  private arm(e: Entry): void {
    if (this.stopped || e.paused) return;
    e.timer = setTimeout(() => {
      e.timer = null;
      void this.fire(e);
    }, Math.max(0, e.planned - this.now()));
    e.timer.unref?.();
  }

  private fire(e: Entry): Promise<void> {
    e.running = (async () => {
      const release = await this.slots.acquire();
      try {
        if (this.stopped || this.entries.get(e.id) !== e) return;
        this.options.onLag?.(Math.max(0, this.now() - e.planned));
        await this.run(e.id, this.shutdown.signal);
      } finally {
        release();
      }
    })()
      .catch(() => {
        // run() reports its own errors; a throw here must not stop the chain.
      })
      .finally(() => {
        e.running = null;
        if (this.entries.get(e.id) !== e || e.paused || this.stopped) return;
        const now = this.now();
        e.planned += e.intervalMs;
        if (e.planned <= now) e.planned += Math.ceil((now - e.planned + 1) / e.intervalMs) * e.intervalMs;
        this.arm(e);
      });
    return e.running;
  }
}
