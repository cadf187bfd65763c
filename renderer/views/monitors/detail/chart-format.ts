import type { Series } from '../../../../preload/contract.ts';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Axis ticks: times of day for the short ranges, dates for the long ones. */
export const tickFormatter =
  (range: Series['range']) =>
  (t: number): string =>
    range === '1h' || range === '24h' ? timeOfDay.format(new Date(t)) : dayOfMonth.format(new Date(t));

export const msTick = (v: number): string => `${v} ms`;
