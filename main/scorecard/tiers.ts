import { CATEGORIES, TIERS, type Category, type Tier } from '../../preload/schemas/scorecard.ts';

/**
 * Default target score per category for each tier, in percent. A prototype needs its basics; a
 * production service is held to most categories; a commercial one also to payments and legal.
 * Projects can override any of them.
 */
export const DEFAULT_TARGETS: Record<Tier, Record<Category, number>> = {
  prototype: {
    Infrastructure: 40,
    Authentication: 30,
    Security: 60,
    Performance: 30,
    'Commercial Features': 0,
    Monitoring: 40,
    Documentation: 50,
    Testing: 50,
  },
  production: {
    Infrastructure: 90,
    Authentication: 85,
    Security: 90,
    Performance: 80,
    'Commercial Features': 30,
    Monitoring: 85,
    Documentation: 80,
    Testing: 85,
  },
  commercial: {
    Infrastructure: 90,
    Authentication: 95,
    Security: 90,
    Performance: 85,
    'Commercial Features': 90,
    Monitoring: 85,
    Documentation: 90,
    Testing: 90,
  },
};

export const DEFAULT_TIER: Tier = 'production';

export const tierRank = (t: Tier) => TIERS.indexOf(t);

/** Whether a check required from `requiredFrom` is required at `tier`. */
export const requiredAt = (requiredFrom: Tier, tier: Tier) => tierRank(requiredFrom) <= tierRank(tier);

export function targetsFor(tier: Tier, overrides: Partial<Record<Category, number>> = {}): Record<Category, number> {
  const out = { ...DEFAULT_TARGETS[tier] };
  for (const c of CATEGORIES) if (overrides[c] !== undefined) out[c] = overrides[c]!;
  return out;
}
