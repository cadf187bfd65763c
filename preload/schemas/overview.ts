/** The production environment's status, built from monitors, loops and declared facts. */
import { z } from 'zod';
import { text, textId } from './fields.ts';
import { MONITOR_ROLES, MonitorStatusSchema } from './monitors.ts';

/** Facts the app cannot measure; shown as "declared" with where they came from. */
export const DeclaredEnvironmentSchema = z.strictObject({
  domain: text('domain', 253).optional(),
  vmAddress: text('vmAddress', 253).optional(),
  provider: text('provider', 80).optional(),
  region: text('region', 80).optional(),
  instanceType: text('instanceType', 80).optional(),
  monthlyCost: text('monthlyCost', 40).optional(),
});
export type DeclaredEnvironment = z.infer<typeof DeclaredEnvironmentSchema>;

export const OverviewSchema = z.object({
  projectId: z.string().nullable(),
  declared: DeclaredEnvironmentSchema,
  declaredSource: z.string().nullable(),
  production: z.object({
    status: MonitorStatusSchema,
    /** The measured detail behind status, e.g. "100% packet loss". */
    detail: z.string(),
    measuredAt: z.number().nullable(),
    lastKnownGoodAt: z.number().nullable(),
  }),
  rows: z.array(
    z.object({
      role: z.enum(MONITOR_ROLES),
      label: z.string(),
      status: MonitorStatusSchema,
      detail: z.string(),
      measuredAt: z.number().nullable(),
      monitorIds: z.array(z.number()),
    }),
  ),
  monitoring: z.object({ loopsOk: z.number(), loopsTotal: z.number(), measuredAt: z.number() }),
  staleAfterSeconds: z.number(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const overviewMethodShapes = {
  getOverview: { input: z.strictObject({ projectId: textId().optional() }), result: OverviewSchema },
} as const;
