/** Recovery runbooks: definitions, the dry run, runs and their streamed output (the audit log). */
import { z } from 'zod';
import { flag, recordId, removedResult, requiredText, text, typeError, whole } from './fields.ts';

const paramName = requiredText('params.name', 40).regex(/^[a-z][a-z0-9_]*$/, { error: 'params.name must be lower_snake_case' });

export const RunbookParamSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('string'),
      name: paramName,
      label: text('params.label', 80).optional(),
      /** A regular expression the whole value must match (anchored), e.g. ^[a-z0-9-]+$. */
      pattern: text('params.pattern', 200).optional(),
      maxLength: whole('params.maxLength', 1, 4096).default(256),
      default: text('params.default', 4096).optional(),
    }),
    z.strictObject({
      type: z.literal('enum'),
      name: paramName,
      label: text('params.label', 80).optional(),
      values: z.array(requiredText('params.values', 200)).min(1, { error: 'params.values must list at least one value' }).max(50),
      default: text('params.default', 200).optional(),
    }),
    z.strictObject({
      type: z.literal('number'),
      name: paramName,
      label: text('params.label', 80).optional(),
      min: z.number({ error: typeError('params.min', 'a number') }).optional(),
      max: z.number({ error: typeError('params.max', 'a number') }).optional(),
      integer: flag('params.integer').default(true),
      default: z.number({ error: typeError('params.default', 'a number') }).optional(),
    }),
  ],
  { error: 'params.type must be string, enum or number' },
);
export type RunbookParam = z.output<typeof RunbookParamSchema>;

/** argv elements; "{{name}}" inside one is replaced by a parameter's value, and the element quoted whole. */
const argv = (field: string) =>
  z
    .array(text(field, 4096))
    .min(1, { error: `${field} must name a program` })
    .max(64, { error: `${field} has more than 64 arguments` });

export const RunbookStepSchema = z.union(
  [
    z.strictObject({ title: text('steps.title', 120).optional(), remote: argv('steps.remote'), sudo: flag('steps.sudo').default(false), continueOnError: flag('steps.continueOnError').default(false) }),
    z.strictObject({ title: text('steps.title', 120).optional(), local: argv('steps.local'), continueOnError: flag('steps.continueOnError').default(false) }),
    z.strictObject({ title: text('steps.title', 120).optional(), waitForSsh: z.strictObject({ timeoutSeconds: whole('waitForSsh.timeoutSeconds', 5, 3600).default(300) }) }),
    z.strictObject({ title: text('steps.title', 120).optional(), verifyMonitors: z.strictObject({ timeoutSeconds: whole('verifyMonitors.timeoutSeconds', 5, 3600).default(300) }) }),
  ],
  { error: 'each step must be one of {remote: [...]}, {local: [...]}, {waitForSsh: {...}} or {verifyMonitors: {...}}' },
);
export type RunbookStep = z.output<typeof RunbookStepSchema>;

export const SCHEDULE = /^(?:every [1-9]\d{0,3}[mhd]|daily \d{2}:\d{2}|weekly (?:mon|tue|wed|thu|fri|sat|sun) \d{2}:\d{2})$/;

export const runbookInput = z.strictObject({
  id: recordId().optional(),
  /** null: offered on every host. */
  hostId: recordId('hostId').nullable().default(null),
  name: requiredText('name', 80),
  description: text('description', 1000).default(''),
  /** Only read-only runbooks may run unattended (on a schedule) or without typing the host name. */
  readOnly: flag('readOnly').default(false),
  params: z.array(RunbookParamSchema).max(20, { error: 'at most 20 params' }).default([]),
  steps: z.array(RunbookStepSchema).min(1, { error: 'steps must hold at least one step' }).max(50, { error: 'at most 50 steps' }),
  timeoutSeconds: whole('timeoutSeconds', 5, 7200).default(600),
  /** "every 6h", "daily 03:30", "weekly mon 04:00" (local time); read-only runbooks only. */
  schedule: text('schedule', 40).regex(SCHEDULE, { error: 'schedule must be like "every 6h", "daily 03:30" or "weekly mon 04:00"' }).nullable().default(null),
});
export type RunbookInput = z.input<typeof runbookInput>;
export type RunbookDefinition = z.output<typeof runbookInput>;

export const DANGER = ['read-only', 'changes', 'disruptive'] as const;

export const RunbookSummarySchema = z.object({
  /** "builtin:diagnose" etc., or the stored runbook's number as text. */
  id: z.string(),
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  hostId: z.number().nullable(),
  danger: z.enum(DANGER),
  readOnly: z.boolean(),
  params: z.array(RunbookParamSchema),
  schedule: z.string().nullable(),
  nextRunAt: z.number().nullable(),
  /** False when it cannot run here, e.g. the cloud CLI is not installed. */
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  source: z.string(),
});
export type RunbookSummary = z.infer<typeof RunbookSummarySchema>;

const runbookRef = requiredText('runbookId', 64);
const paramValues = z.record(
  z.string().max(40, { error: 'parameter names are at most 40 characters' }),
  z.union([z.string().max(4096, { error: 'a parameter value is longer than 4096 characters' }), z.number()], { error: 'each parameter value must be text or a number' }),
  { error: 'params must be an object of name: value' },
);

export const runbookCallInput = z.strictObject({
  hostId: recordId('hostId'),
  runbookId: runbookRef,
  params: paramValues.default({}),
});

export const PlannedCommandSchema = z.object({
  step: z.number(),
  title: z.string(),
  where: z.enum(['remote', 'local', 'wait']),
  /** Exactly what will run: the quoted remote command line, or the local argv shown quoted. */
  display: z.string(),
});

export const RunPlanSchema = z.object({
  host: z.string(),
  runbook: z.string(),
  danger: z.enum(DANGER),
  commands: z.array(PlannedCommandSchema),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** What the person must type to go ahead: the host name for disruptive runbooks, else "yes". */
  confirmPhrase: z.string(),
  timeoutSeconds: z.number(),
});
export type RunPlan = z.infer<typeof RunPlanSchema>;

export const RUN_STATUS = ['running', 'succeeded', 'failed', 'cancelled', 'timed-out'] as const;
export const RUN_TRIGGERS = ['ui', 'cli', 'schedule'] as const;

export const RunSummarySchema = z.object({
  id: z.number(),
  hostId: z.number().nullable(),
  host: z.string(),
  runbookId: z.string(),
  runbook: z.string(),
  trigger: z.enum(RUN_TRIGGERS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  commands: z.array(PlannedCommandSchema),
  status: z.enum(RUN_STATUS),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
  exitCode: z.number().nullable(),
  /** SHA-256 of the whole output, even when only its start is stored. */
  outputSha256: z.string().nullable(),
  outputBytes: z.number(),
  /** After the run the host's monitors were re-run: true all UP, false not, null when it has none. */
  recovered: z.boolean().nullable(),
  verification: z.string().nullable(),
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunDetailSchema = RunSummarySchema.extend({ output: z.string(), outputTruncated: z.boolean() });
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const listRunsInput = z.strictObject({
  hostId: recordId('hostId').optional(),
  runbookId: runbookRef.optional(),
  status: z.enum(RUN_STATUS, { error: `status must be one of ${RUN_STATUS.join(', ')}` }).optional(),
  trigger: z.enum(RUN_TRIGGERS, { error: `trigger must be one of ${RUN_TRIGGERS.join(', ')}` }).optional(),
  limit: whole('limit', 1, 500).default(100),
});

export const RunOutputChunkSchema = z.object({ runId: z.number(), stream: z.enum(['stdout', 'stderr', 'info']), text: z.string() });

const runId = z.strictObject({ runId: recordId('runId') });

export const recoveryMethodShapes = {
  listRunbooks: { input: z.strictObject({ hostId: recordId('hostId') }), result: z.array(RunbookSummarySchema) },
  saveRunbook: { input: runbookInput, result: RunbookSummarySchema },
  removeRunbook: { input: z.strictObject({ id: recordId() }), result: removedResult },
  /** The dry run: exactly what would run, with the parameters validated and quoted. */
  previewRunbook: { input: runbookCallInput, result: RunPlanSchema },
  startRunbook: { input: runbookCallInput.extend({ confirmation: text('confirmation', 100) }), result: RunSummarySchema },
  cancelRun: { input: runId, result: RunSummarySchema },
  listRuns: { input: listRunsInput, result: z.array(RunSummarySchema) },
  getRun: { input: runId, result: RunDetailSchema },
} as const;

export const recoveryEventShapes = {
  /** Live output of running runbooks, batched. */
  runOutput: z.object({ chunks: z.array(RunOutputChunkSchema) }),
  runChanged: z.object({ run: RunSummarySchema }),
} as const;
