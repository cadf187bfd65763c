/** Maintenance windows: one-off or weekly, covering a monitor or a host and its dependents. */
import { z } from 'zod';
import { LIMITS, noInput, recordId, removedResult, requiredText, typeError, whole } from './fields.ts';
import { monitorId, seriesRange } from './monitors.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const MaintenanceScheduleSchema = z.discriminatedUnion(
  'type',
  [
    z
      .strictObject({ type: z.literal('once'), startsAt: whole('startsAt', 0, 8.64e15), endsAt: whole('endsAt', 0, 8.64e15) })
      .refine((s) => s.endsAt > s.startsAt, { error: 'endsAt must be after startsAt', path: ['endsAt'] }),
    z.strictObject({
      type: z.literal('weekly'),
      weekdays: z
        .array(z.enum(WEEKDAYS, { error: `weekdays must be from ${WEEKDAYS.join(', ')}` }))
        .min(1, { error: 'weekdays must name at least one day' })
        .max(7),
      startTime: z.string({ error: typeError('startTime', 'a string') }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'startTime must be HH:MM (24-hour)' }),
      durationMinutes: whole('durationMinutes', 1, 10_080),
      timezone: z
        .string({ error: typeError('timezone', 'a string') })
        .min(1, { error: 'timezone must not be empty' })
        .max(64, { error: 'timezone is longer than 64 characters' }),
    }),
  ],
  { error: 'schedule.type must be once or weekly' },
);

export const SaveMaintenanceInput = z.strictObject({
  id: recordId().optional(),
  name: requiredText('name', LIMITS.name),
  monitorId: recordId('monitorId'),
  scope: z.enum(['monitor', 'host'], { error: 'scope must be monitor or host' }).default('host'),
  schedule: MaintenanceScheduleSchema,
});

const OccurrenceSchema = z.object({ start: z.number(), end: z.number() });
export const MaintenanceWindowSchema = z.object({
  id: z.number(),
  name: z.string(),
  monitorId: z.number(),
  monitorName: z.string(),
  scope: z.enum(['monitor', 'host']),
  schedule: z.union([
    z.object({ type: z.literal('once'), startsAt: z.number(), endsAt: z.number() }),
    z.object({ type: z.literal('weekly'), weekdays: z.array(z.enum(WEEKDAYS)), startTime: z.string(), durationMinutes: z.number(), timezone: z.string() }),
  ]),
  createdAt: z.number(),
  activeNow: OccurrenceSchema.nullable(),
  next: OccurrenceSchema.nullable(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

export const MaintenanceOccurrenceSchema = z.object({ start: z.number(), end: z.number(), name: z.string(), windowId: z.number() });

export const maintenanceMethodShapes = {
  listMaintenanceWindows: { input: noInput, result: z.array(MaintenanceWindowSchema) },
  saveMaintenanceWindow: { input: SaveMaintenanceInput, result: MaintenanceWindowSchema },
  removeMaintenanceWindow: { input: z.strictObject({ id: recordId() }), result: removedResult },
  /** Maintenance occurrences covering a monitor within a chart range (ending now). */
  getMonitorMaintenance: { input: z.strictObject({ id: monitorId, range: seriesRange }), result: z.array(MaintenanceOccurrenceSchema) },
} as const;

export const maintenanceEventShapes = {
  maintenanceChanged: z.object({ windows: z.array(MaintenanceWindowSchema) }),
} as const;
