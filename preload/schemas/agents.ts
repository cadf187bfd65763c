/** Agents: roster, presence, measured trust, push/pull ingest. */
import { z } from 'zod';
import { noInput, recordId, removedResult, requiredText, sshFingerprint, sshLoginFields, text, textId, whole } from './fields.ts';

const projectId = textId('projectId');

export const agentId = recordId();

export const PRESENCE_STATES = ['ONLINE', 'IDLE', 'STALE', 'OFFLINE'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];
export const TRUST_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'CRITICAL', 'INSUFFICIENT_DATA'] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

// ── Roster ───────────────────────────────────────────────────────────────────────────────────────

export const AGENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/;

export const AgentFieldsSchema = {
  name: requiredText('name', 120),
  role: requiredText('role', 120),
  capabilities: z.array(requiredText('capabilities', 80), { error: 'capabilities must be a list of strings' }).max(30, { error: 'at most 30 capabilities' }),
  /** The model or the person behind the agent, e.g. "claude-sonnet-4" or "Dana (on call)". */
  backedBy: text('backedBy', 120),
};

export const SaveAgentInputSchema = z.strictObject({
  /** Absent: a new agent in projectId. Present: edit (rename, role, capabilities, backing). */
  id: agentId.optional(),
  projectId: projectId.optional(),
  code: text('code', 16)
    .regex(AGENT_CODE, { error: 'code must be 1–16 letters, digits, "_" or "-", starting with a letter or digit' })
    .optional(),
  name: AgentFieldsSchema.name,
  role: AgentFieldsSchema.role,
  capabilities: AgentFieldsSchema.capabilities.default([]),
  backedBy: AgentFieldsSchema.backedBy.default(''),
});

const TrustFactorSchema = z.object({
  /** 0..1, null when there is nothing to measure it from. */
  value: z.number().nullable(),
  weight: z.number(),
  /** The measured inputs, named, so the UI can show what produced the value. */
  inputs: z.record(z.string(), z.number().nullable()),
  explanation: z.string(),
});

export const TrustSchema = z.object({
  /** 0..100; null when no factor could be measured. */
  score: z.number().nullable(),
  level: z.enum(TRUST_LEVELS),
  /** 0..1, grows with the (recency-weighted) number of finished tasks. */
  confidence: z.number(),
  observations: z.object({ tasks: z.number(), heartbeatIntervals: z.number(), effectiveTasks: z.number() }),
  factors: z.object({ reliability: TrustFactorSchema, consistency: TrustFactorSchema, responsiveness: TrustFactorSchema }),
  formula: z.string(),
  computedAt: z.number(),
});
export type Trust = z.infer<typeof TrustSchema>;

export const AgentSummarySchema = z.object({
  id: z.number(),
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  role: z.string(),
  capabilities: z.array(z.string()),
  backedBy: z.string(),
  retiredAt: z.number().nullable(),
  presence: z.enum(PRESENCE_STATES),
  presenceSince: z.number(),
  lastSignalAt: z.number().nullable(),
  lastHeartbeatAt: z.number().nullable(),
  status: z.object({ text: z.string(), at: z.number() }).nullable(),
  currentTask: z.object({ taskId: z.string(), title: z.string(), startedAt: z.number() }).nullable(),
  tasksInProgress: z.number(),
  last24h: z.object({ success: z.number(), failure: z.number(), avgQuality: z.number().nullable() }),
  token: z.object({ createdAt: z.number() }).nullable(),
  trust: TrustSchema,
});
export type AgentSummary = z.infer<typeof AgentSummarySchema>;

// ── Presence thresholds ─────────────────────────────────────────────────────────────────────────

export const AgentSettingsSchema = z.object({
  projectId: z.string(),
  heartbeatSeconds: z.number(),
  staleAfterSeconds: z.number(),
  offlineAfterSeconds: z.number(),
});
export type AgentSettings = z.infer<typeof AgentSettingsSchema>;

export const UpdateAgentSettingsInputSchema = z
  .strictObject({
    projectId,
    heartbeatSeconds: whole('heartbeatSeconds', 1, 3_600),
    staleAfterSeconds: whole('staleAfterSeconds', 5, 86_400),
    offlineAfterSeconds: whole('offlineAfterSeconds', 10, 7 * 86_400),
  })
  .refine((s) => s.staleAfterSeconds > s.heartbeatSeconds, { error: 'staleAfterSeconds must be longer than heartbeatSeconds', path: ['staleAfterSeconds'] })
  .refine((s) => s.offlineAfterSeconds > s.staleAfterSeconds, { error: 'offlineAfterSeconds must be longer than staleAfterSeconds', path: ['offlineAfterSeconds'] });

// ── History ─────────────────────────────────────────────────────────────────────────────────────

export const AGENT_HISTORY_RANGES = ['24h', '7d', '30d'] as const;

export const AgentHistorySchema = z.object({
  agentId: z.number(),
  from: z.number(),
  to: z.number(),
  /** State at `from`, then every transition inside the range. */
  presenceAtStart: z.enum(PRESENCE_STATES),
  presence: z.array(z.object({ at: z.number(), from: z.enum(PRESENCE_STATES), to: z.enum(PRESENCE_STATES), reason: z.string() })),
  tasks: z.array(
    z.object({
      taskId: z.string(),
      title: z.string(),
      startedAt: z.number().nullable(),
      finishedAt: z.number().nullable(),
      outcome: z.enum(['success', 'failure']).nullable(),
      durationMs: z.number().nullable(),
      quality: z.number().nullable(),
    }),
  ),
  /** True when more tasks happened in the range than are listed (the newest are kept). */
  tasksTruncated: z.boolean(),
});
export type AgentHistory = z.infer<typeof AgentHistorySchema>;

// ── Push ingest ─────────────────────────────────────────────────────────────────────────────────

export const AgentIngestInfoSchema = z.object({
  /** e.g. http://127.0.0.1:7718/ — null while the listener is not up. */
  url: z.string().nullable(),
  error: z.string().nullable(),
});
export type AgentIngestInfo = z.infer<typeof AgentIngestInfoSchema>;

export const AgentTokenSchema = z.object({
  agentId: z.number(),
  /** Shown once: only its SHA-256 is kept in the database, the token itself in the OS keychain. */
  token: z.string(),
  createdAt: z.number(),
});

// ── Pull sources ────────────────────────────────────────────────────────────────────────────────


/** True when an http(s) URL carries user:password@ (or just user@). */
export function hasUrlCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

export const PullDefinitionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('http'),
      url: z
        .url({ protocol: /^https?$/, error: 'url must be an absolute http:// or https:// URL' })
        .max(4096)
        // Credentials in a URL end up in logs, errors and screens; the API key field keeps them in the keychain.
        .refine((u) => !hasUrlCredentials(u), { error: 'url must not contain a user name or password (user:pass@); put the key in apiKey, which is kept in the OS keychain' }),
      intervalSeconds: whole('intervalSeconds', 5, 86_400).default(60),
    }),
    z.strictObject({
      kind: z.literal('sqlite-ssh'),
      ...sshLoginFields(),
      hostKey: sshFingerprint(),
      file: requiredText('file', 4096),
      /** Read-only SELECT whose rows are events: columns agent, type, at, and per type taskId, title, outcome, durationMs, quality, text, key. */
      query: requiredText('query', 4000),
      intervalSeconds: whole('intervalSeconds', 5, 86_400).default(60),
    }),
  ],
  { error: 'source.kind must be one of http, sqlite-ssh' },
);
export type PullDefinition = z.output<typeof PullDefinitionSchema>;

export const SavePullSourceInputSchema = z.strictObject({
  id: recordId().optional(),
  projectId,
  name: requiredText('name', 120),
  source: PullDefinitionSchema,
  /** For http: sent as "Authorization: Bearer <apiKey>"; stored in the OS keychain, never returned. */
  apiKey: requiredText('apiKey', 2048).optional(),
});

export const PullSourceSchema = z.object({
  id: z.number(),
  projectId: z.string(),
  name: z.string(),
  kind: z.enum(['http', 'sqlite-ssh']),
  target: z.string(),
  intervalSeconds: z.number(),
  hasApiKey: z.boolean(),
  lastRunAt: z.number().nullable(),
  lastOkAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastImported: z.number().nullable(),
});
export type PullSource = z.infer<typeof PullSourceSchema>;

// ── Method shapes ───────────────────────────────────────────────────────────────────────────────

export const agentMethodShapes = {
  listAgents: { input: z.strictObject({ projectId: projectId.optional() }), result: z.array(AgentSummarySchema) },
  saveAgent: { input: SaveAgentInputSchema, result: AgentSummarySchema },
  retireAgent: { input: z.strictObject({ id: agentId }), result: AgentSummarySchema },
  createAgentToken: { input: z.strictObject({ id: agentId }), result: AgentTokenSchema },
  getAgentHistory: {
    input: z.strictObject({ id: agentId, range: z.enum(AGENT_HISTORY_RANGES, { error: `range must be one of ${AGENT_HISTORY_RANGES.join(', ')}` }) }),
    result: AgentHistorySchema,
  },
  getAgentSettings: { input: z.strictObject({ projectId }), result: AgentSettingsSchema },
  updateAgentSettings: { input: UpdateAgentSettingsInputSchema, result: AgentSettingsSchema },
  getAgentIngestInfo: { input: noInput, result: AgentIngestInfoSchema },
  listAgentPullSources: { input: z.strictObject({ projectId: projectId.optional() }), result: z.array(PullSourceSchema) },
  saveAgentPullSource: { input: SavePullSourceInputSchema, result: PullSourceSchema },
  removeAgentPullSource: { input: z.strictObject({ id: recordId() }), result: removedResult },
} as const;

export const agentEventShapes = {
  /** Agents whose summary changed (a report, a presence transition, an edit). */
  agentsUpdated: z.object({ agents: z.array(AgentSummarySchema) }),
  agentPullSourcesChanged: z.object({ sources: z.array(PullSourceSchema) }),
} as const;
