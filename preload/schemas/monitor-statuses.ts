/**
 * The monitor statuses, worst first. Plain values without zod, so the renderer can import them
 * without bundling any schema; the monitors slice builds its status enum from this very list.
 */
export const MONITOR_STATUSES = ['DOWN', 'UNKNOWN', 'PENDING', 'DEGRADED', 'MAINTENANCE', 'UP'] as const;
export type MonitorStatusName = (typeof MONITOR_STATUSES)[number];

/** Each status's place in MONITOR_STATUSES: 0 is the most severe, so sorting by it puts problems first. */
export const STATUS_SEVERITY = Object.fromEntries(MONITOR_STATUSES.map((status, rank) => [status, rank])) as Readonly<
  Record<MonitorStatusName, number>
>;
