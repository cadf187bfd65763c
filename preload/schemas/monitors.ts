/** Monitors: targets per kind, definitions, summaries, results, incidents and series. */
import { z } from 'zod';
import {
  hostName as hostNameField,
  LIMITS,
  portNumber,
  recordId,
  removedResult,
  requiredText,
  sshFingerprint,
  sshLoginFields,
  text,
  textId,
  typeError,
  unitName,
  whole,
} from './fields.ts';
import { MONITOR_STATUSES, STATUS_SEVERITY, type MonitorStatusName } from './monitor-statuses.ts';

export { MONITOR_STATUSES, STATUS_SEVERITY, type MonitorStatusName };

const hostName = hostNameField();
const filePath = (field: string) => requiredText(field, LIMITS.path);

const sshConnection = {
  ...sshLoginFields(),
  /**
   * Pinned host key; a connection offering any other key is refused. When absent, the pin of the
   * host profile with this address and port (Settings → Hosts) is used: one trust store for all.
   */
  hostKey: sshFingerprint().optional(),
};

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;

// ── Targets: one strict object per kind ─────────────────────────────────────────────────────────

const targetKinds = [
  z.strictObject({
    kind: z.literal('ping'),
    host: hostName,
    count: z.number().int().min(1, { error: 'count must be from 1 to 10' }).max(10, { error: 'count must be from 1 to 10' }).default(3),
  }),
  z.strictObject({ kind: z.literal('tcp'), host: hostName, port: portNumber() }),
  z.strictObject({
    kind: z.literal('http'),
    // Not z.httpUrl(): it accepts only dotted domain names, so http://10.0.0.5:8080/ and http://localhost/ would be refused.
    url: z.url({ protocol: /^https?$/, error: 'url must be an absolute http:// or https:// URL' }).max(LIMITS.path),
    method: z.enum(HTTP_METHODS, { error: `method must be one of ${HTTP_METHODS.join(', ')}` }).default('GET'),
    headers: z.record(z.string().max(200), z.string().max(8192)).default({}),
    body: text('body', 65_536).optional(),
    followRedirects: z.boolean().default(true),
    /** TLS certificate verification; turning it off is allowed but shown in the UI. */
    verifyTls: z.boolean().default(true),
    /** Extra CA certificate (PEM file) to trust, for private CAs. */
    caFile: filePath('caFile').optional(),
  }),
  z.strictObject({
    kind: z.literal('tls'),
    host: hostName,
    port: portNumber(443),
    servername: requiredText('servername', 253).optional(),
    caFile: filePath('caFile').optional(),
  }),
  z.strictObject({
    kind: z.literal('dns'),
    /** The name to resolve ("query", not "name": photon.yml puts target fields beside the monitor's name). */
    query: requiredText('query', 253),
    recordType: z.enum(DNS_RECORD_TYPES, { error: `recordType must be one of ${DNS_RECORD_TYPES.join(', ')}` }).default('A'),
    /** Resolver as "ip" or "ip:port"; the system resolver when absent. */
    resolver: requiredText('resolver', 64).optional(),
  }),
  z.strictObject({
    kind: z.literal('ssh'),
    ...sshConnection,
    command: text('command', 4096).optional(),
    /** Collect load, memory and disk use per mount. */
    hostMetrics: z.boolean().default(false),
    /** systemd units whose `systemctl is-active` state is reported. */
    units: z.array(unitName('units')).max(20).default([]),
  }),
  z.strictObject({
    kind: z.literal('postgres'),
    host: hostName,
    port: portNumber(5432),
    database: requiredText('database', 128),
    user: requiredText('user', 128),
    /** Name of a PHOTON_* environment variable holding the password (the value is never stored). */
    // Only PHOTON_* variables: an imported photon.yml must not be able to send AWS_SECRET_ACCESS_KEY to a host it names.
    passwordEnv: requiredText('passwordEnv', 128)
      .regex(/^PHOTON_[A-Za-z0-9_]+$/, { error: 'passwordEnv must name an environment variable starting with PHOTON_' })
      .optional(),
    ssl: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('sqlite-over-ssh'), ...sshConnection, file: filePath('file') }),
] as const;

/** Every monitor kind, in the order the target union declares them. */
export const MONITOR_KINDS = targetKinds.map((option) => option.shape.kind.value);
export type MonitorKind = (typeof MONITOR_KINDS)[number];

export const MonitorTargetSchema = z.discriminatedUnion('kind', targetKinds, {
  error: `target.kind must be one of ${MONITOR_KINDS.join(', ')}`,
});
export type MonitorTarget = z.output<typeof MonitorTargetSchema>;

// ── Definitions ─────────────────────────────────────────────────────────────────────────────────

/** What the Overview's infrastructure table shows a monitor as. */
export const MONITOR_ROLES = ['vm', 'api', 'database', 'tls', 'dns', 'other'] as const;

export const monitorId = recordId();

export const MonitorDefinitionSchema = z.strictObject({
  projectId: textId().nullable().default(null),
  name: requiredText('name', LIMITS.name),
  target: MonitorTargetSchema,
  /** Gatus-style conditions; all must hold. Empty means the kind's defaults. */
  conditions: z.array(text('condition', 500)).max(20, { error: 'at most 20 conditions' }).default([]),
  intervalSeconds: whole('intervalSeconds', 5, 86_400).default(60),
  /** Defaults to 80 % of the interval, at most 30 s; always below the interval. */
  timeoutSeconds: whole('timeoutSeconds', 1, 300).optional(),
  failureThreshold: whole('failureThreshold', 1, 50).default(3),
  successThreshold: whole('successThreshold', 1, 50).default(2),
  parentId: monitorId.nullable().default(null),
  role: z.enum(MONITOR_ROLES, { error: `role must be one of ${MONITOR_ROLES.join(', ')}` }).default('other'),
  /** Record a number from each result, e.g. "[BODY].errors.rate" or "[BODY]" (a command's stdout). */
  metric: z
    .strictObject({ name: requiredText('metric.name', 80), source: requiredText('metric.source', 200), unit: text('metric.unit', 20).optional() })
    .optional(),
});
export type MonitorDefinition = z.output<typeof MonitorDefinitionSchema>;
export type MonitorDefinitionInput = z.input<typeof MonitorDefinitionSchema>;

// ── Status, summaries and history ───────────────────────────────────────────────────────────────

export const MonitorStatusSchema = z.enum(MONITOR_STATUSES);

const MonitorSourceSchema = z.union([
  z.object({ type: z.literal('ui') }),
  z.object({ type: z.literal('file'), file: z.string(), line: z.number() }),
]);

/** Results per hour of the last 24 h, oldest first, as parallel arrays: the list view's payload for thousands of monitors stays small. */
const Last24hSchema = z.object({ from: z.number(), up: z.array(z.number()), down: z.array(z.number()) });
export type Last24h = z.infer<typeof Last24hSchema>;

export const MonitorSummarySchema = z.object({
  id: z.number(),
  projectId: z.string().nullable(),
  name: z.string(),
  kind: z.string(),
  target: z.string(),
  role: z.enum(MONITOR_ROLES),
  parentId: z.number().nullable(),
  status: MonitorStatusSchema,
  statusSince: z.number(),
  reason: z.string(),
  blockedBy: z.number().nullable(),
  paused: z.boolean(),
  intervalSeconds: z.number(),
  /** Time of the last result (ms since epoch), null before the first. */
  lastCheckedAt: z.number().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastMetric: z.number().nullable(),
  source: MonitorSourceSchema,
  /** Hourly up/down counts of the last 24 h from the rollups; null before any result. */
  last24h: Last24hSchema.nullable(),
});
export type MonitorSummary = z.infer<typeof MonitorSummarySchema>;

const ResultSchema = z.object({
  at: z.number(),
  outcome: z.enum(['up', 'degraded', 'down', 'unknown']),
  latencyMs: z.number().nullable(),
  message: z.string(),
  metric: z.number().nullable(),
});

const IncidentSchema = z.object({
  id: z.number(),
  monitorId: z.number(),
  monitorName: z.string(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  cause: z.string(),
  events: z.array(z.object({ at: z.number(), from: MonitorStatusSchema, to: MonitorStatusSchema, reason: z.string() })),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const MonitorDetailSchema = z.object({
  summary: MonitorSummarySchema,
  definition: MonitorDefinitionSchema,
  /** Typed evidence of the last result (per kind), with its time. */
  lastEvidence: z.object({ at: z.number(), evidence: z.record(z.string(), z.unknown()) }).nullable(),
  recentResults: z.array(ResultSchema),
  incidents: z.array(IncidentSchema),
});
export type MonitorDetail = z.infer<typeof MonitorDetailSchema>;

export const SERIES_RANGES = ['1h', '24h', '7d', '30d'] as const;
export const seriesRange = z.enum(SERIES_RANGES, { error: `range must be one of ${SERIES_RANGES.join(', ')}` });

export const SeriesSchema = z.object({
  range: z.enum(SERIES_RANGES),
  resolution: z.enum(['minute', 'hour', 'day']),
  points: z.array(
    z.object({
      t: z.number(),
      count: z.number(),
      up: z.number(),
      down: z.number(),
      degraded: z.number(),
      unknown: z.number(),
      latencyAvgMs: z.number().nullable(),
      latencyMinMs: z.number().nullable(),
      latencyMaxMs: z.number().nullable(),
      latencyP95Ms: z.number().nullable(),
      metricAvg: z.number().nullable(),
    }),
  ),
});
export type Series = z.infer<typeof SeriesSchema>;

// ── Slice ───────────────────────────────────────────────────────────────────────────────────────

export const monitorMethodShapes = {
  listMonitors: { input: z.strictObject({ projectId: textId().optional() }), result: z.array(MonitorSummarySchema) },
  getMonitor: { input: z.strictObject({ id: monitorId }), result: MonitorDetailSchema },
  getMonitorSeries: { input: z.strictObject({ id: monitorId, range: seriesRange }), result: SeriesSchema },
  /** Creates a monitor, or replaces the definition of monitor `id`. Conditions are parsed here. */
  saveMonitor: { input: MonitorDefinitionSchema.extend({ id: monitorId.optional() }), result: MonitorSummarySchema },
  removeMonitor: { input: z.strictObject({ id: monitorId }), result: removedResult },
  setMonitorPaused: {
    input: z.strictObject({ id: monitorId, paused: z.boolean({ error: typeError('paused', 'true or false') }) }),
    result: MonitorSummarySchema,
  },
  listIncidents: {
    input: z.strictObject({ monitorId: monitorId.optional(), limit: whole('limit', 1, 500).default(50) }),
    result: z.array(IncidentSchema),
  },
} as const;

export const monitorEventShapes = {
  /** Monitors whose summary changed since the last batch (a result, a transition, an edit). */
  monitorsUpdated: z.object({ monitors: z.array(MonitorSummarySchema) }),
  monitorRemoved: z.object({ id: z.number() }),
  incidentsChanged: z.object({ incidents: z.array(IncidentSchema) }),
} as const;
