import type { LoopHealth } from '../../preload/contract.ts';
import { errorMessage } from '../core/error-message.ts';

interface LoopRecord {
  name: string;
  description: string;
  /** How often the loop is meant to run; a loop silent for much longer is "late". */
  expectedEveryMs: number;
  runs: number;
  errors: number;
  lastRunAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastFailed: boolean;
  nextRunAt: number | null;
  stopped: boolean;
}

/** A loop is late when it missed this many of its expected runs: stuck, not just slow. */
const LATE_AFTER_PERIODS = 3;

/**
 * Every background job registers here and reports each run. Health is derived from those reports —
 * never declared — so a stuck or crashing loop shows as such. (The reference system hard-coded
 * "9/9 loops operational".)
 */
export class LoopRegistry {
  private readonly loops = new Map<string, LoopRecord>();
  private listener: (() => void) | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  register(name: string, description: string, expectedEveryMs: number): LoopReporter {
    if (this.loops.has(name)) throw new Error(`Loop "${name}" is registered twice`);
    const record: LoopRecord = {
      name,
      description,
      expectedEveryMs,
      runs: 0,
      errors: 0,
      lastRunAt: null,
      lastDurationMs: null,
      lastError: null,
      lastFailed: false,
      nextRunAt: null,
      stopped: false,
    };
    this.loops.set(name, record);
    return new LoopReporter(record, this.now, () => this.listener?.());
  }

  /** Called after any report; the core throttles it into loopsChanged events. */
  onChange(listener: () => void): void {
    this.listener = listener;
  }

  list(): LoopHealth[] {
    const now = this.now();
    return [...this.loops.values()].map((r) => ({
      name: r.name,
      description: r.description,
      state: stateOf(r, now),
      runs: r.runs,
      errors: r.errors,
      lastRunAt: r.lastRunAt,
      lastDurationMs: r.lastDurationMs,
      lastError: r.lastError,
      nextRunAt: r.nextRunAt,
    }));
  }
}

function stateOf(r: LoopRecord, now: number): LoopHealth['state'] {
  if (r.stopped) return 'stopped';
  if (r.lastFailed) return 'failing';
  if (r.nextRunAt === null) return 'idle';
  // Due long ago and still not run: the loop is stuck, not merely busy.
  if (now - r.nextRunAt > LATE_AFTER_PERIODS * r.expectedEveryMs) return 'late';
  return r.lastRunAt === null ? 'idle' : 'ok';
}

export class LoopReporter {
  constructor(
    private readonly record: LoopRecord,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  /** Times fn as one run of the loop and records its outcome; rethrows nothing. */
  async run(fn: () => unknown | Promise<unknown>): Promise<void> {
    const started = this.now();
    try {
      await fn();
      this.finished(started, null);
    } catch (err) {
      this.finished(started, errorMessage(err));
    }
  }

  /** For loops whose runs are many small units (the scheduler): report one unit's outcome. */
  finished(startedAt: number, error: string | null): void {
    const r = this.record;
    r.runs++;
    r.lastRunAt = this.now();
    r.lastDurationMs = r.lastRunAt - startedAt;
    r.lastFailed = error !== null;
    if (error !== null) {
      r.errors++;
      r.lastError = error;
    }
    this.changed();
  }

  scheduled(at: number | null): void {
    this.record.nextRunAt = at;
    this.record.stopped = false;
  }

  stopped(): void {
    this.record.stopped = true;
    this.record.nextRunAt = null;
    this.changed();
  }
}

/** A named loop on a setTimeout chain: next run = previous start + interval, so it never drifts. */
export function startIntervalLoop(reporter: LoopReporter, everyMs: number, fn: () => unknown | Promise<unknown>, firstDelayMs = everyMs) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const schedule = (delay: number) => {
    if (stopped) return;
    const at = Date.now() + delay;
    reporter.scheduled(at);
    timer = setTimeout(() => {
      const started = Date.now();
      running = reporter.run(fn).then(() => schedule(Math.max(0, started + everyMs - Date.now())));
    }, delay);
    timer.unref?.();
  };
  schedule(firstDelayMs);
  return {
    /** Runs once now (e.g. on shutdown to flush), outside the schedule. */
    runNow: () => reporter.run(fn),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      reporter.stopped();
    },
  };
}
