const formatter = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const precise = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clockOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** Local, unambiguous date and time; the raw ISO value goes in <time dateTime> for copy and tooltips. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

/** A measurement's time to the second, in local time: what a tooltip or a detail line shows. */
export const formatAt = (ms: number): string => precise.format(new Date(ms));

/** Time of day only, for tables where the date is the same on every row. */
export const formatClock = (ms: number): string => clockOnly.format(new Date(ms));

export const isoOf = (ms: number): string => new Date(ms).toISOString();

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago", or "in 20 s" for a time ahead. */
export function formatRelative(ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  if (abs < SECOND) return 'just now';
  const amount =
    abs < MINUTE ? `${Math.floor(abs / SECOND)} s` : abs < HOUR ? `${Math.floor(abs / MINUTE)} min` : abs < DAY ? `${Math.floor(abs / HOUR)} h` : `${Math.floor(abs / DAY)} d`;
  return diff >= 0 ? `${amount} ago` : `in ${amount}`;
}

/** A measurement older than the configured threshold can no longer be read as the current state. */
export const isStale = (at: number, now: number, staleAfterSeconds: number): boolean => now - at > staleAfterSeconds * SECOND;

/** "850 ms", "12.4 s", "3 min 5 s": how long something took. */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(1)} s`;
  const min = Math.floor(ms / MINUTE);
  const s = Math.round((ms % MINUTE) / SECOND);
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

/** "every 30 s", "every 5 min" from a monitor's interval. */
export function formatInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}
