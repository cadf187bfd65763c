/**
 * Shapes for hosts, the credentials vault and recovery runbooks. Nothing here can carry a secret
 * value out of the core: secrets go in (setSecret, replaceSecret) and only references come back.
 */
import { z } from 'zod';
import { flag, hostName, portNumber, requiredText, SSH_FINGERPRINT, text, typeError, unitName, whole } from './fields.ts';

// ── Vault ────────────────────────────────────────────────────────────────────────────────────────

export const SECRET_KIND_NAMES = ['ssh-password', 'key-passphrase', 'api-token', 'webhook-url'] as const;
export const SECRET_REF = /^secret:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const secretRefField = (field: string) =>
  z.string({ error: typeError(field, 'a string') }).regex(SECRET_REF, { error: `${field} must be a secret reference like secret:<uuid>` });

export const VaultStatusSchema = z.object({
  backend: z.string(),
  available: z.boolean(),
  /** Why secrets cannot be stored, in a sentence; null when they can. */
  reason: z.string().nullable(),
  checkedAt: z.number(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const SecretInfoSchema = z.object({
  ref: z.string(),
  kind: z.enum(SECRET_KIND_NAMES),
  label: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Hosts that use it, by name: deleting it would break their logins. */
  usedBy: z.array(z.string()),
});
export type SecretInfo = z.infer<typeof SecretInfoSchema>;

export const setSecretInput = z.strictObject({
  kind: z.enum(SECRET_KIND_NAMES, { error: `kind must be one of ${SECRET_KIND_NAMES.join(', ')}` }),
  label: requiredText('label', 100),
  // Length and content rules live in the vault (main/secrets/), which reports them without quoting the value.
  value: z.string({ error: typeError('value', 'a string') }).max(8192, { error: 'value is longer than 8192 characters' }),
});

// ── Hosts ────────────────────────────────────────────────────────────────────────────────────────

export const HOST_AUTH = ['agent', 'key', 'password'] as const;
/** What a person types to confirm, and what `photon run <host>` names: no spaces, no shell meaning. */
export const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const CloudInstanceSchema = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({
      provider: z.literal('gcloud'),
      instance: requiredText('cloud.instance', 63).regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, { error: 'cloud.instance must be a Compute Engine instance name' }),
      zone: requiredText('cloud.zone', 63).regex(/^[a-z0-9-]+$/, { error: 'cloud.zone must be a zone like europe-west1-b' }),
      project: requiredText('cloud.project', 63).regex(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/, { error: 'cloud.project must be a Google Cloud project id' }).optional(),
    }),
    z.strictObject({
      provider: z.literal('aws'),
      instanceId: requiredText('cloud.instanceId', 32).regex(/^i-[0-9a-f]{8,17}$/, { error: 'cloud.instanceId must look like i-0123456789abcdef0' }),
      region: requiredText('cloud.region', 32).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'cloud.region must be a region like eu-west-1' }).optional(),
    }),
  ],
  { error: 'cloud.provider must be gcloud or aws' },
);
export type CloudInstance = z.output<typeof CloudInstanceSchema>;

export const hostProfileInput = z.strictObject({
  id: whole('id', 1, Number.MAX_SAFE_INTEGER).optional(),
  name: requiredText('name', 64).regex(HOST_NAME, { error: 'name may hold letters, digits, dot, dash and underscore, starting with a letter or digit' }),
  projectId: text('projectId', 64).nullable().default(null),
  address: hostName('address'),
  port: portNumber(22),
  user: requiredText('user', 64).regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, { error: 'user must be a login name (letters, digits, dot, dash, underscore)' }),
  auth: z.enum(HOST_AUTH, { error: `auth must be one of ${HOST_AUTH.join(', ')}` }),
  /** Private key file, for auth "key". */
  keyPath: requiredText('keyPath', 4096).nullable().default(null),
  /** The vault entry with the key's passphrase (auth "key") or the password (auth "password"). */
  secretRef: secretRefField('secretRef').nullable().default(null),
  /** Prefix privileged steps (restart, reboot) with `sudo -n`; ignored for root. */
  sudo: flag('sudo').default(true),
  /** systemd units Diagnose reports on and Restart service offers. */
  services: z.array(unitName('services')).max(30, { error: 'at most 30 services' }).default([]),
  cloud: CloudInstanceSchema.nullable().default(null),
});
export type HostProfileInput = z.input<typeof hostProfileInput>;

export const HostPinSchema = z.object({ fingerprint: z.string(), keyType: z.string(), pinnedAt: z.number() });

export const HostSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  projectId: z.string().nullable(),
  address: z.string(),
  port: z.number(),
  user: z.string(),
  auth: z.enum(HOST_AUTH),
  keyPath: z.string().nullable(),
  secretRef: z.string().nullable(),
  sudo: z.boolean(),
  services: z.array(z.string()),
  cloud: CloudInstanceSchema.nullable(),
  pin: HostPinSchema.nullable(),
  source: z.string(),
  /** From the monitors watching this host; UNKNOWN when none does. */
  state: z.object({
    status: z.enum(['UP', 'DOWN', 'DEGRADED', 'PENDING', 'UNKNOWN', 'MAINTENANCE']),
    detail: z.string(),
    measuredAt: z.number().nullable(),
    monitorIds: z.array(z.number()),
  }),
  lastRun: z.object({ id: z.number(), runbook: z.string(), status: z.string(), at: z.number() }).nullable(),
});
export type HostSummary = z.infer<typeof HostSummarySchema>;

export const HostKeyCheckSchema = z.object({
  hostId: z.number(),
  where: z.string(),
  offered: z.object({ fingerprint: z.string(), keyType: z.string() }),
  decision: z.enum(['trusted', 'unknown', 'mismatch', 'revoked']),
  pinned: z.string().nullable(),
  knownHostsSays: z.enum(['matches', 'differs', 'absent']).nullable(),
  /** OpenSSH-style text for the confirm dialog, or the refusal with both fingerprints. */
  message: z.string(),
  howToRepin: z.string().nullable(),
  checkedAt: z.number(),
});
export type HostKeyCheck = z.infer<typeof HostKeyCheckSchema>;

export const SshConfigHostSchema = z.object({
  alias: z.string(),
  address: z.string(),
  port: z.number(),
  user: z.string().nullable(),
  identityFile: z.string().nullable(),
  proxyJump: z.string().nullable(),
  source: z.string(),
  /** known_hosts keys recorded for it (hashed entries included), as fingerprints. */
  knownHostKeys: z.array(z.object({ fingerprint: z.string(), keyType: z.string(), line: z.number() })),
  issues: z.array(z.string()),
  /** Already a host profile under this name. */
  existing: z.boolean(),
});

export const SshConfigReadSchema = z.object({
  file: z.string(),
  knownHostsFile: z.string(),
  hosts: z.array(SshConfigHostSchema),
  warnings: z.array(z.string()),
});
export type SshConfigRead = z.infer<typeof SshConfigReadSchema>;

// ── Runbooks ─────────────────────────────────────────────────────────────────────────────────────

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
  id: whole('id', 1, Number.MAX_SAFE_INTEGER).optional(),
  /** null: offered on every host. */
  hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER).nullable().default(null),
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
  hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER),
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
  hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER).optional(),
  runbookId: runbookRef.optional(),
  status: z.enum(RUN_STATUS, { error: `status must be one of ${RUN_STATUS.join(', ')}` }).optional(),
  trigger: z.enum(RUN_TRIGGERS, { error: `trigger must be one of ${RUN_TRIGGERS.join(', ')}` }).optional(),
  limit: whole('limit', 1, 500).default(100),
});

export const RunOutputChunkSchema = z.object({ runId: z.number(), stream: z.enum(['stdout', 'stderr', 'info']), text: z.string() });

export { SSH_FINGERPRINT };
