/** Alerts: channels, the alerts raised from incidents, their deliveries and the alert policy. */
import { z } from 'zod';
import { LIMITS, noInput, recordId, removedResult, requiredText, typeError, whole } from './fields.ts';

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
  name: requiredText('name', LIMITS.name),
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

export const DesktopNotificationSchema = z.object({
  alertId: z.number(),
  title: z.string(),
  body: z.string(),
  severity: z.enum(['critical', 'warning', 'ok', 'info']),
  at: z.number(),
});
export type DesktopNotification = z.infer<typeof DesktopNotificationSchema>;

export const TestSendResultSchema = z.object({ delivery: DeliverySchema });

export const alertMethodShapes = {
  listAlertChannels: { input: noInput, result: z.array(ChannelSchema) },
  /** Creates or edits a channel; a webhook URL goes to the OS keychain, never to SQLite. */
  saveAlertChannel: { input: SaveChannelInput, result: ChannelSchema },
  removeAlertChannel: { input: z.strictObject({ id: recordId() }), result: removedResult },
  /** Sends a test alert through one channel now (one attempt) and returns the logged delivery. */
  testAlertChannel: { input: z.strictObject({ id: recordId() }), result: TestSendResultSchema },
  /** Recent alerts, newest first, each with its deliveries and every attempt. */
  listAlerts: { input: z.strictObject({ limit: whole('limit', 1, 500).default(50) }), result: z.array(AlertSchema) },
  getAlertPolicy: { input: noInput, result: AlertPolicySchema },
  updateAlertPolicy: { input: AlertPolicySchema, result: AlertPolicySchema },
} as const;

export const alertEventShapes = {
  alertsChanged: z.object({ alerts: z.array(AlertSchema) }),
  alertChannelsChanged: z.object({ channels: z.array(ChannelSchema) }),
  /** Shown by the Electron glue as a system notification, and by a browser on `photon serve`. */
  desktopNotification: DesktopNotificationSchema,
} as const;
