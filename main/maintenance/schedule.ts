/**
 * When a maintenance window is in force. A window is one-off (start/end instants) or recurring
 * (weekdays and a local start time in an IANA time zone, for a duration): "Sundays 02:00–03:00
 * Europe/Berlin" stays at 02:00 local time across daylight-saving changes.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type MaintenanceSchedule =
  | { type: 'once'; startsAt: number; endsAt: number }
  | { type: 'weekly'; weekdays: Weekday[]; startTime: string; durationMinutes: number; timezone: string };

export interface Occurrence {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Throws a plain-language error for an unknown zone; Intl is the source of truth for zone names. */
export function assertTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new Error(`timezone "${timezone}" is not an IANA time zone name such as Europe/Berlin or UTC`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timezone: string, at: number) {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timezone, f);
  }
  const parts = f.formatToParts(at);
  const num = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
    weekday: (parts.find((p) => p.type === 'weekday')?.value ?? '').toLowerCase().slice(0, 3) as Weekday,
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(timezone: string, at: number): number {
  const p = partsIn(timezone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `timezone` shows the given local date and time. A time
 * that occurs twice (clocks going back) is its first occurrence; one that does not exist (clocks
 * going forward) is taken with the offset from before the change, i.e. shifted by the jump.
 */
export function zonedToInstant(timezone: string, year: number, month: number, day: number, hour: number, minute: number): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(timezone, local - DAY_MS);
  const after = offsetAt(timezone, local + DAY_MS);
  const valid = [local - before, local - after].filter((t) => offsetAt(timezone, t) === local - t);
  return valid.length > 0 ? Math.min(...valid) : local - before;
}

function parseTime(startTime: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(startTime);
  if (!m) throw new Error(`startTime "${startTime}" must be HH:MM (24-hour)`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Occurrences that overlap [from, to), oldest first. */
export function occurrencesBetween(schedule: MaintenanceSchedule, from: number, to: number): Occurrence[] {
  if (schedule.type === 'once') {
    return schedule.startsAt < to && schedule.endsAt > from ? [{ start: schedule.startsAt, end: schedule.endsAt }] : [];
  }
  const { hour, minute } = parseTime(schedule.startTime);
  const duration = schedule.durationMinutes * 60_000;
  const days = new Set(schedule.weekdays);
  const out: Occurrence[] = [];
  // Walk local calendar days from a day before (from − duration) to a day after `to`.
  for (let t = from - duration - DAY_MS; t < to + DAY_MS; t += DAY_MS) {
    const p = partsIn(schedule.timezone, t);
    if (!days.has(p.weekday)) continue;
    const start = zonedToInstant(schedule.timezone, p.year, p.month, p.day, hour, minute);
    const occ = { start, end: start + duration };
    if (occ.start < to && occ.end > from && !out.some((o) => o.start === occ.start)) out.push(occ);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The occurrence in force at `at`, or null. */
export function activeOccurrence(schedule: MaintenanceSchedule, at: number): Occurrence | null {
  return occurrencesBetween(schedule, at, at + 1).find((o) => o.start <= at && at < o.end) ?? null;
}

/** The next occurrence starting after `at` within two weeks, or null. */
export function nextOccurrence(schedule: MaintenanceSchedule, at: number): Occurrence | null {
  return occurrencesBetween(schedule, at, at + 15 * DAY_MS).find((o) => o.start > at) ?? null;
}
