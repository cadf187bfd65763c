import { z } from 'zod';

/**
 * What an agent reports, whichever way it arrives (push or pull). Unknown fields are refused so a
 * misspelt "duration" is a 400 naming it, not a silently missing number.
 */
const typeError = (field: string, type: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is required` : `${field} must be ${type}`;
const str = (field: string, max: number) =>
  z
    .string({ error: typeError(field, 'a string') })
    .max(max, { error: `${field} is longer than ${max} characters` })
    .refine((s) => s.trim() !== '', { error: `${field} must not be empty` });

export const IDEMPOTENCY_KEY_MAX = 200;
const key = str('key', IDEMPOTENCY_KEY_MAX);
const keyRequired = z.string({
  error: (issue) => (issue.input === undefined ? 'key is required for task events: a unique id per event, so a retry is not stored twice' : 'key must be a string'),
}).max(IDEMPOTENCY_KEY_MAX, { error: `key is longer than ${IDEMPOTENCY_KEY_MAX} characters` })
  .refine((s) => s.trim() !== '', { error: 'key must not be empty' });
const taskId = str('taskId', 200);
const title = str('title', 500);
/** Pulled events carry the remote time; pushed events are stamped on arrival and may not set it. */
const at = z.number({ error: typeError('at', 'a number (ms since epoch)') }).int({ error: 'at must be whole milliseconds since epoch' }).min(0, { error: 'at must not be negative' });

export const HeartbeatSchema = z.strictObject({ key: key.optional() });
export const StatusSchema = z.strictObject({ text: str('text', 2000), key: key.optional() });
export const TaskStartedSchema = z.strictObject({ taskId, title, key: keyRequired });
export const TaskFinishedSchema = z.strictObject({
  taskId,
  title: title.optional(),
  outcome: z.enum(['success', 'failure'], { error: 'outcome must be "success" or "failure"' }),
  durationMs: z
    .number({ error: typeError('durationMs', 'a number') })
    .min(0, { error: 'durationMs must not be negative' })
    .max(30 * 86_400_000, { error: 'durationMs must be at most 30 days' })
    .optional(),
  quality: z.number({ error: typeError('quality', 'a number from 0 to 1') }).min(0, { error: 'quality must be from 0 to 1' }).max(1, { error: 'quality must be from 0 to 1' }).optional(),
  key: keyRequired,
});

export type AgentReport =
  | ({ type: 'heartbeat' } & z.output<typeof HeartbeatSchema>)
  | ({ type: 'status' } & z.output<typeof StatusSchema>)
  | ({ type: 'task-started' } & z.output<typeof TaskStartedSchema>)
  | ({ type: 'task-finished' } & z.output<typeof TaskFinishedSchema>);

export const REPORT_TYPES = ['heartbeat', 'status', 'task-started', 'task-finished'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_SCHEMAS = {
  heartbeat: HeartbeatSchema,
  status: StatusSchema,
  'task-started': TaskStartedSchema,
  'task-finished': TaskFinishedSchema,
} as const;

/** A pulled row: the report plus who sent it and when. */
export const PulledEventSchema = z
  .object({
    agent: z.string({ error: typeError('agent', 'a string (the agent code, e.g. "A")') }).min(1).max(16),
    type: z.enum(REPORT_TYPES, { error: `type must be one of ${REPORT_TYPES.join(', ')}` }),
    at,
  })
  .passthrough();

export { at as reportTimeSchema };
