/** Schemas for alerts, channels and maintenance windows (imported by preload/contract.ts). */
import { z } from 'zod';
import { typeError, whole } from './fields.ts';

const name = (field: string) =>
  z
    .string({ error: typeError(field, 'a string') })
    .max(120, { error: `${field} is longer than 120 characters` })
    .trim()
    .min(1, { error: `${field} must not be empty` });

export const recordId = (field = 'id') => whole(field, 1, Number.MAX_SAFE_INTEGER);

export const CHANNEL_KINDS = ['desktop', 'slack', 'discord', 'ntfy', 'webhook'] as const;
export const ALERT_KINDS = ['open', 'reminder', 'resolved', 'flapping', 'flapping-ended', 'test'] as const;

export const ChannelSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  enabled: z.boolean(),
  /** Whether the keychain still holds the webhook URL; null for desktop channels, which have none. */
  urlStored: z.boolean().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type AlertChannel = z.infer<typeof ChannelSchema>;

export const SaveChannelInput = z.strictObject({
  id: recordId().optional(),
  name: name('name'),
  kind: z.enum(CHANNEL_KINDS, { error: `kind must be one of ${CHANNEL_KINDS.join(', ')}` }),
  enabled: z.boolean({ error: typeError('enabled', 'true or false') }).default(true),
  /** Goes straight to the OS keychain; required when creating a webhook channel, optional to keep it when editing. */
  url: z
    .url({ protocol: /^https?$/, error: 'url must be an absolute http:// or https:// URL' })
    .max(2048, { error: 'url is longer than 2048 characters' })
    .optional(),
});

const AttemptSchema = z.object({ at: z.number(), durationMs: z.number(), ok: z.boolean(), httpStatus: z.number().nullable(), error: z.string().nullable() });

export const DeliverySchema = z.object({
  id: z.number(),
  alertId: z.number(),
  channelId: z.number(),
  channelName: z.string(),
  channelKind: z.string(),
  status: z.enum(['pending', 'retrying', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  deliveredAt: z.number().nullable(),
  log: z.array(AttemptSchema),
});
export type AlertDelivery = z.infer<typeof DeliverySchema>;

export const AlertSchema = z.object({
  id: z.number(),
  incidentId: z.number().nullable(),
  monitorId: z.number().nullable(),
  monitorName: z.string(),
  kind: z.enum(ALERT_KINDS),
  /** queued: sent to channels; held: maintenance; folded: covered by a parent's or a flapping alert. */
  state: z.enum(['queued', 'held', 'suppressed', 'folded']),
  title: z.string(),
  message: z.string(),
  note: z.string(),
  createdAt: z.number(),
  deliveries: z.array(DeliverySchema),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertPolicySchema = z.strictObject({
  reminderMinutes: whole('reminderMinutes', 0, 10_080),
  flapWindowMinutes: whole('flapWindowMinutes', 1, 1_440),
  flapThreshold: whole('flapThreshold', 2, 50),
});
export type AlertPolicyShape = z.infer<typeof AlertPolicySchema>;

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
  name: name('name'),
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

export const DesktopNotificationSchema = z.object({
  alertId: z.number(),
  title: z.string(),
  body: z.string(),
  severity: z.enum(['critical', 'warning', 'ok', 'info']),
  at: z.number(),
});
export type DesktopNotification = z.infer<typeof DesktopNotificationSchema>;

export const TestSendResultSchema = z.object({ delivery: DeliverySchema });
