import type { StoredState } from './monitor-queries.ts';

/**
 * Two views of each monitor's state. The engine steps its thresholds on the latest result at once
 * (`latest`: the next result, a parent's view and the schedule build on it), but what the API, the
 * event stream, the overview and /metrics show (`published`) moves only once the writer's
 * transaction holding that result has committed. So nothing shown as measured can be lost by a
 * crash, and a write the database refused shows nothing the database does not hold (the result
 * stays queued and is published by the flush that stores it).
 */
export class PublishedStates {
  private readonly latestById = new Map<number, StoredState>();
  private readonly publishedById = new Map<number, StoredState>();
  private readonly unpublished = new Set<number>();

  /** The states stored in the database at startup: committed, so both views start from them. */
  load(stored: ReadonlyMap<number, StoredState>): void {
    for (const [id, state] of stored) {
      this.latestById.set(id, state);
      this.publishedById.set(id, state);
    }
  }

  latest(id: number): StoredState | undefined {
    return this.latestById.get(id);
  }

  published(id: number): StoredState | undefined {
    return this.publishedById.get(id);
  }

  /** A result was computed and queued for the writer; not shown until `publish`. */
  advance(id: number, state: StoredState): void {
    this.latestById.set(id, state);
    this.unpublished.add(id);
  }

  /**
   * Call only after the transaction that stored these monitors' queued results committed. Their
   * newest results were in it (the writer keeps the newest when it must drop), so their latest
   * state is what the database now holds. Returns the ids whose shown state changed.
   */
  publish(committedIds: readonly number[]): number[] {
    const changed: number[] = [];
    for (const id of committedIds) {
      const state = this.latestById.get(id);
      if (!state || !this.unpublished.delete(id)) continue;
      this.publishedById.set(id, state);
      changed.push(id);
    }
    return changed;
  }

  forget(id: number): void {
    this.latestById.delete(id);
    this.publishedById.delete(id);
    this.unpublished.delete(id);
  }
}
