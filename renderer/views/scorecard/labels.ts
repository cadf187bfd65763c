import type { CheckStatus, Priority, Tier } from '../../../preload/schemas/scorecard.ts';

// Plain values here, not imported from the schemas module: that would bundle zod into the renderer.
export const TIER_CHOICES = [
  { value: 'prototype', label: 'Prototype' },
  { value: 'production', label: 'Production' },
  { value: 'commercial', label: 'Commercial' },
] as const satisfies ReadonlyArray<{ value: Tier; label: string }>;

export const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN', not_applicable: 'N/A' };

/** Reuses the monitor status colours: pass is up, fail is down, the rest neutral. */
export const STATUS_CLASS: Record<CheckStatus, string> = { pass: 'status-up', fail: 'status-down', unknown: 'status-unknown', not_applicable: 'status-unknown' };

export const PRIORITY_CLASS: Record<Priority, string> = {
  CRITICAL: 'status-down',
  High: 'status-degraded',
  Medium: 'status-degraded',
  Low: 'status-unknown',
  Met: 'status-up',
  Unknown: 'status-unknown',
};

export const pct = (n: number | null) => (n === null ? 'unknown' : `${n}%`);
