/**
 * Which backups to keep: the newest backup of each of the last `keepDaily` days that have one, and
 * the newest of each of the last `keepWeekly` ISO weeks that have one (the grandfather-father-son
 * scheme of restic's --keep-daily/--keep-weekly). The newest backup is always kept, whatever the
 * policy says, so retention can never leave zero backups. Days and weeks are UTC calendar days and
 * ISO-8601 weeks (Monday first).
 */

export interface RetentionPolicy {
  keepDaily: number;
  keepWeekly: number;
}

export interface Dated {
  id: number;
  at: number;
}

export function selectBackupsToKeep<T extends Dated>(backups: readonly T[], policy: RetentionPolicy): { keep: T[]; remove: T[] } {
  const newestFirst = [...backups].sort((a, b) => b.at - a.at || b.id - a.id);
  const keepIds = new Set<number>();
  if (newestFirst[0]) keepIds.add(newestFirst[0].id);
  keepNewestPerBucket(newestFirst, dayKey, policy.keepDaily).forEach((id) => keepIds.add(id));
  keepNewestPerBucket(newestFirst, isoWeekKey, policy.keepWeekly).forEach((id) => keepIds.add(id));
  return { keep: newestFirst.filter((b) => keepIds.has(b.id)), remove: newestFirst.filter((b) => !keepIds.has(b.id)) };
}

function keepNewestPerBucket(newestFirst: readonly Dated[], key: (at: number) => string, buckets: number): number[] {
  const seen = new Set<string>();
  const kept: number[] = [];
  for (const b of newestFirst) {
    if (seen.size >= buckets) break;
    const k = key(b.at);
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(b.id);
  }
  return kept;
}

export function dayKey(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** ISO-8601 week, e.g. "2026-W48": the week belongs to the year of its Thursday. */
export function isoWeekKey(at: number): string {
  const d = new Date(at);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
