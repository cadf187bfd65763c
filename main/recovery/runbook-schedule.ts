const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * When a scheduled runbook is next due, in this machine's local time: "every 6h" counts from its
 * last run (at once if it never ran); "daily 03:30" and "weekly mon 04:00" fall on the next such
 * wall-clock time after the last run, or after `now` for one that never ran.
 */
export function nextDue(schedule: string, lastRunAt: number | null, now: number): number {
  const every = /^every (\d+)(m|h|d)$/.exec(schedule);
  if (every) return lastRunAt === null ? now : lastRunAt + Number(every[1]) * UNIT_MS[every[2] as keyof typeof UNIT_MS];
  const daily = /^daily (\d{2}):(\d{2})$/.exec(schedule);
  const weekly = /^weekly (\w{3}) (\d{2}):(\d{2})$/.exec(schedule);
  const [hh, mm, weekday] = daily ? [Number(daily[1]), Number(daily[2]), null] : weekly ? [Number(weekly[2]), Number(weekly[3]), WEEKDAYS.indexOf(weekly[1]!)] : [NaN, NaN, null];
  if (!Number.isInteger(hh) || hh > 23 || mm > 59) throw new Error(`not a schedule: ${schedule}`);
  const from = new Date(lastRunAt ?? now);
  const next = new Date(from);
  next.setHours(hh, mm, 0, 0);
  while (next.getTime() <= from.getTime() || (weekday !== null && next.getDay() !== weekday)) {
    next.setDate(next.getDate() + 1);
    next.setHours(hh, mm, 0, 0);
  }
  return next.getTime();
}
