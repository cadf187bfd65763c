import type { Series } from '../../preload/contract.ts';

const HOUR = 3_600_000;
/** The span each chart range covers (the same ranges getMonitorSeries serves). */
export const SERIES_RANGE_MS: Record<Series['range'], number> = { '1h': HOUR, '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };
