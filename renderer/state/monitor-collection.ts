import type { MonitorSummary } from '../../preload/contract.ts';
// The zod-free list, not the monitors slice: the renderer bundle carries no schemas.
import { MONITOR_STATUSES, STATUS_SEVERITY as RANK, type MonitorStatusName } from '../../preload/schemas/monitor-statuses.ts';

// Worst first: the list shows problems at the top, in the same order the overview ranks rows by.
export const STATUS_ORDER: readonly MonitorStatusName[] = MONITOR_STATUSES;

export type StatusCounts = Readonly<Record<MonitorStatusName, number>>;

/**
 * The monitor list as the renderer holds it. `order` is the sorted id list the view windows over;
 * it is rebuilt only when a monitor arrives, leaves, or changes what it is sorted by (status or
 * name), so a batch of fresh results for 10,000 monitors costs a Map copy, not a sort.
 */
export interface MonitorCollection {
  readonly byId: ReadonlyMap<number, MonitorSummary>;
  readonly order: readonly number[];
  readonly counts: StatusCounts;
}

const zeroCounts = () => Object.fromEntries(MONITOR_STATUSES.map((s) => [s, 0])) as Record<MonitorStatusName, number>;

export const EMPTY_COLLECTION: MonitorCollection = { byId: new Map(), order: [], counts: zeroCounts() };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareMonitors(a: MonitorSummary, b: MonitorSummary): number {
  return RANK[a.status] - RANK[b.status] || collator.compare(a.name, b.name) || a.id - b.id;
}

const sortKeyChanged = (a: MonitorSummary, b: MonitorSummary) => RANK[a.status] !== RANK[b.status] || a.name !== b.name;

function sortedIds(byId: ReadonlyMap<number, MonitorSummary>): number[] {
  return [...byId.values()].sort(compareMonitors).map((m) => m.id);
}

export function collectionFrom(list: readonly MonitorSummary[]): MonitorCollection {
  const byId = new Map<number, MonitorSummary>();
  const counts = zeroCounts();
  for (const m of list) {
    const old = byId.get(m.id);
    if (old) counts[old.status] -= 1;
    byId.set(m.id, m);
    counts[m.status] += 1;
  }
  return { byId, order: sortedIds(byId), counts };
}

export interface MergeOptions {
  /**
   * Replaying events over a fresh list: an update whose last check is older than what the list
   * already holds was announced before the list was read, so the list has the newer truth.
   */
  skipOlder?: boolean;
}

/** Above this many moved monitors one full sort is cheaper than inserting each (measured at 10,000 monitors). */
const REINSERT_LIMIT = 1_000;

function binaryInsert(order: number[], m: MonitorSummary, byId: ReadonlyMap<number, MonitorSummary>): void {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareMonitors(byId.get(order[mid]!)!, m) < 0) lo = mid + 1;
    else hi = mid;
  }
  order.splice(lo, 0, m.id);
}

/**
 * The order after some monitors arrived or changed status or name. A full sort of 10,000 names
 * takes tens of milliseconds (locale-aware comparison is slow), so a few moved monitors are taken
 * out and put back by binary search instead.
 */
function reorder(col: MonitorCollection, byId: ReadonlyMap<number, MonitorSummary>, moved: ReadonlySet<number>): readonly number[] {
  if (moved.size === 0) return col.order;
  if (moved.size > REINSERT_LIMIT) return sortedIds(byId);
  const order = col.order.filter((id) => !moved.has(id));
  for (const id of moved) binaryInsert(order, byId.get(id)!, byId);
  return order;
}

/** monitorsUpdated carries only the monitors that changed; they replace their namesakes by id. */
export function mergeMonitors(col: MonitorCollection, updates: readonly MonitorSummary[], options: MergeOptions = {}): MonitorCollection {
  if (updates.length === 0) return col;
  const byId = new Map(col.byId);
  const counts = { ...col.counts };
  const moved = new Set<number>();
  let touched = false;
  for (const m of updates) {
    const old = byId.get(m.id);
    if (old && options.skipOlder && (m.lastCheckedAt ?? 0) < (old.lastCheckedAt ?? 0)) continue;
    touched = true;
    if (old) counts[old.status] -= 1;
    if (!old || sortKeyChanged(old, m)) moved.add(m.id);
    counts[m.status] += 1;
    byId.set(m.id, m);
  }
  if (!touched) return col;
  return { byId, order: reorder(col, byId, moved), counts };
}

export function removeMonitor(col: MonitorCollection, id: number): MonitorCollection {
  const old = col.byId.get(id);
  if (!old) return col;
  const byId = new Map(col.byId);
  byId.delete(id);
  // Removing keeps the relative order of the rest, so no sort is needed.
  return { byId, order: col.order.filter((x) => x !== id), counts: { ...col.counts, [old.status]: col.counts[old.status] - 1 } };
}
