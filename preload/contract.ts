/**
 * THE contract between the renderer and the core. Every call that crosses the bridge — Electron IPC
 * or `photon serve` HTTP — is declared here once: its name, the zod schema its input must satisfy,
 * the schema of its result, and the events the renderer may subscribe to.
 *
 * Inputs are strict objects: unknown fields are an error, never silently dropped, so a caller that
 * misspells a field learns it at once instead of seeing its change ignored.
 */
import { z } from 'zod';
import { hostName as hostNameField, portNumber, requiredText, SSH_FINGERPRINT, sshFingerprint, sshLoginFields, text, typeError, unitName, whole } from './schemas/fields.ts';

export { SSH_FINGERPRINT };
import {
  HostKeyCheckSchema,
  hostProfileInput,
  HostSummarySchema,
  listRunsInput,
  runbookCallInput,
  runbookInput,
  RunbookSummarySchema,
  RunDetailSchema,
  RunOutputChunkSchema,
  RunPlanSchema,
  RunSummarySchema,
  SecretInfoSchema,
  secretRefField,
  setSecretInput,
  SshConfigHostSchema,
  SshConfigReadSchema,
  VaultStatusSchema,
} from './schemas/recovery.ts';
import { agentEventShapes, agentMethodShapes } from './schemas/agents.ts';
import {
  AssessmentSummarySchema,
  CATEGORIES,
  EXPORT_FORMATS,
  ExportSchema,
  ScorecardProgressSchema,
  ScorecardSettingsSchema,
  StoredAssessmentSchema,
  TIERS,
} from './schemas/scorecard.ts';
import {
  AlertPolicySchema,
  AlertSchema,
  ChannelSchema,
  DesktopNotificationSchema,
  MaintenanceOccurrenceSchema,
  MaintenanceWindowSchema,
  recordId,
  SaveChannelInput,
  SaveMaintenanceInput,
  TestSendResultSchema,
} from './schemas/alerts.ts';
import {
  BackupActivitySchema,
  BackupConfigSchema,
  BackupEvidenceSchema,
  BackupStatusSchema,
  DbBackupSchema,
  RemoteRunSchema,
  RemoteTargetInputSchema,
  RemoteTargetSchema,
  RestoreInputSchema,
} from './schemas/backups.ts';

export const LIMITS = {
  name: 120,
  path: 4096,
  notes: 10_000,
  id: 64,
} as const;

const id = z
  .string({ error: typeError('id', 'a string') })
  .min(1, { error: 'id must not be empty' })
  .max(LIMITS.id, { error: `id is longer than ${LIMITS.id} characters` });

const noInput = z.strictObject({});

// ── Domain shapes ────────────────────────────────────────────────────────────────────────────────

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  repoPath: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const THEMES = ['system', 'light', 'dark'] as const;

export const SettingsSchema = z.strictObject({
  theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}` }),
  /** Age after which a measurement is shown as stale. */
  staleAfterSeconds: z
    .number({ error: typeError('staleAfterSeconds', 'a number') })
    .int({ error: 'staleAfterSeconds must be a whole number' })
    .min(10, { error: 'staleAfterSeconds must be at least 10' })
    .max(86_400, { error: 'staleAfterSeconds must be at most 86400' }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { theme: 'system', staleAfterSeconds: 300 };

export const AppInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'http']),
  dataDir: z.string(),
  schemaVersion: z.number(),
  /** Things the operator must know about startup, e.g. a corrupt database moved aside. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;


// ── Monitors ─────────────────────────────────────────────────────────────────────────────────────

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

export const MonitorTargetSchema = z.discriminatedUnion(
  'kind',
  [
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
  ],
  { error: 'target.kind must be one of ping, tcp, http, tls, dns, ssh, postgres, sqlite-over-ssh' },
);
export type MonitorTarget = z.output<typeof MonitorTargetSchema>;
export type MonitorKind = MonitorTarget['kind'];
export const MONITOR_KINDS: MonitorKind[] = ['ping', 'tcp', 'http', 'tls', 'dns', 'ssh', 'postgres', 'sqlite-over-ssh'];

/** What the Overview's infrastructure table shows a monitor as. */
export const MONITOR_ROLES = ['vm', 'api', 'database', 'tls', 'dns', 'other'] as const;

const monitorId = whole('id', 1, Number.MAX_SAFE_INTEGER);
const assessmentId = whole('id', 1, Number.MAX_SAFE_INTEGER);

export const MonitorDefinitionSchema = z.strictObject({
  projectId: id.nullable().default(null),
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

const MONITOR_STATUS = ['UP', 'DOWN', 'DEGRADED', 'PENDING', 'UNKNOWN', 'MAINTENANCE'] as const;
export const MonitorStatusSchema = z.enum(MONITOR_STATUS);
export type MonitorStatusName = (typeof MONITOR_STATUS)[number];

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

export const LoopHealthSchema = z.object({
  name: z.string(),
  description: z.string(),
  state: z.enum(['ok', 'failing', 'late', 'stopped', 'idle']),
  runs: z.number(),
  errors: z.number(),
  lastRunAt: z.number().nullable(),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  nextRunAt: z.number().nullable(),
});
export type LoopHealth = z.infer<typeof LoopHealthSchema>;

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

export const ConfigProblemSchema = z.object({ file: z.string(), line: z.number(), column: z.number(), message: z.string() });
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

// ── Methods ──────────────────────────────────────────────────────────────────────────────────────

const method = <I extends z.ZodType, R extends z.ZodType>(input: I, result: R) => ({ input, result });

export const methods = {
  getAppInfo: method(noInput, AppInfoSchema),

  listProjects: method(noInput, z.array(ProjectSchema)),
  addProject: method(
    z.strictObject({
      name: requiredText('name', LIMITS.name),
      repoPath: text('repoPath', LIMITS.path).trim().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    ProjectSchema,
  ),
  updateProject: method(
    z.strictObject({
      id,
      name: requiredText('name', LIMITS.name).optional(),
      repoPath: text('repoPath', LIMITS.path).trim().nullable().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    ProjectSchema,
  ),
  removeProject: method(z.strictObject({ id }), z.strictObject({ removed: z.literal(true) })),

  listMonitors: method(z.strictObject({ projectId: id.optional() }), z.array(MonitorSummarySchema)),
  getMonitor: method(z.strictObject({ id: monitorId }), MonitorDetailSchema),
  getMonitorSeries: method(
    z.strictObject({ id: monitorId, range: z.enum(SERIES_RANGES, { error: `range must be one of ${SERIES_RANGES.join(', ')}` }) }),
    SeriesSchema,
  ),
  /** Creates a monitor, or replaces the definition of monitor `id`. Conditions are parsed here. */
  saveMonitor: method(MonitorDefinitionSchema.extend({ id: monitorId.optional() }), MonitorSummarySchema),
  removeMonitor: method(z.strictObject({ id: monitorId }), z.strictObject({ removed: z.literal(true) })),
  setMonitorPaused: method(z.strictObject({ id: monitorId, paused: z.boolean({ error: typeError('paused', 'true or false') }) }), MonitorSummarySchema),
  listIncidents: method(
    z.strictObject({ monitorId: monitorId.optional(), limit: whole('limit', 1, 500).default(50) }),
    z.array(IncidentSchema),
  ),
  listLoops: method(noInput, z.array(LoopHealthSchema)),
  getOverview: method(z.strictObject({ projectId: id.optional() }), OverviewSchema),
  /** Reads <repoPath>/photon.yml of a project and applies it. */
  importProjectConfig: method(
    z.strictObject({ projectId: id }),
    z.object({ file: z.string(), monitors: z.number(), removed: z.number(), runbooks: z.number(), problems: z.array(ConfigProblemSchema) }),
  ),

  getSettings: method(noInput, SettingsSchema),
  updateSettings: method(SettingsSchema.partial(), SettingsSchema),

  // ── Hosts, credentials and recovery ──────────────────────────────────────────────────────────
  /** Whether secrets can be stored (a real keychain round trip), and where. */
  getVaultStatus: method(noInput, VaultStatusSchema),
  listSecrets: method(noInput, z.array(SecretInfoSchema)),
  /** Stores a value in the OS keychain; only its reference comes back, never the value. */
  setSecret: method(setSecretInput, SecretInfoSchema),
  replaceSecret: method(
    z.strictObject({ ref: secretRefField('ref'), value: z.string({ error: typeError('value', 'a string') }).max(8192, { error: 'value is longer than 8192 characters' }) }),
    SecretInfoSchema,
  ),
  testSecret: method(z.strictObject({ ref: secretRefField('ref') }), z.object({ ref: z.string(), present: z.boolean(), checkedAt: z.number() })),
  deleteSecret: method(z.strictObject({ ref: secretRefField('ref') }), z.strictObject({ removed: z.literal(true) })),

  listHosts: method(z.strictObject({ projectId: id.optional() }), z.array(HostSummarySchema)),
  saveHost: method(hostProfileInput, HostSummarySchema),
  removeHost: method(z.strictObject({ id: whole('id', 1, Number.MAX_SAFE_INTEGER) }), z.strictObject({ removed: z.literal(true) })),
  /** Reads ~/.ssh/config (or `file`) and known_hosts; changes nothing. */
  readSshConfig: method(
    z.strictObject({ file: requiredText('file', LIMITS.path).optional(), knownHostsFile: requiredText('knownHostsFile', LIMITS.path).optional() }),
    SshConfigReadSchema,
  ),
  /** Creates host profiles for the named aliases; pins a key only if the person chose to trust known_hosts. */
  importSshHosts: method(
    z.strictObject({
      file: requiredText('file', LIMITS.path).optional(),
      knownHostsFile: requiredText('knownHostsFile', LIMITS.path).optional(),
      aliases: z.array(requiredText('aliases', 253)).min(1, { error: 'aliases must name at least one host' }).max(200, { error: 'at most 200 aliases' }),
      trustKnownHosts: z.boolean({ error: typeError('trustKnownHosts', 'true or false') }).default(false),
      projectId: id.nullable().default(null),
    }),
    z.object({ imported: z.array(HostSummarySchema), skipped: z.array(SshConfigHostSchema.pick({ alias: true }).extend({ reason: z.string() })) }),
  ),
  /** Connects without logging in and compares the offered key with the pin and known_hosts. */
  checkHostKey: method(z.strictObject({ hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER) }), HostKeyCheckSchema),
  /** Pins (or re-pins) the key the host offers now; `fingerprint` must be that key's, typed by the person. */
  pinHostKey: method(
    z.strictObject({ hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER), fingerprint: requiredText('fingerprint', 100) }),
    HostSummarySchema,
  ),

  listRunbooks: method(z.strictObject({ hostId: whole('hostId', 1, Number.MAX_SAFE_INTEGER) }), z.array(RunbookSummarySchema)),
  saveRunbook: method(runbookInput, RunbookSummarySchema),
  removeRunbook: method(z.strictObject({ id: whole('id', 1, Number.MAX_SAFE_INTEGER) }), z.strictObject({ removed: z.literal(true) })),
  /** The dry run: exactly what would run, with the parameters validated and quoted. */
  previewRunbook: method(runbookCallInput, RunPlanSchema),
  startRunbook: method(runbookCallInput.extend({ confirmation: text('confirmation', 100) }), RunSummarySchema),
  cancelRun: method(z.strictObject({ runId: whole('runId', 1, Number.MAX_SAFE_INTEGER) }), RunSummarySchema),
  listRuns: method(listRunsInput, z.array(RunSummarySchema)),
  getRun: method(z.strictObject({ runId: whole('runId', 1, Number.MAX_SAFE_INTEGER) }), RunDetailSchema),
  // ── Agents ──
  ...agentMethodShapes,
  // ── Scorecard ──
  /** Assesses the project's repository (repoPath) with its live monitor evidence; progress arrives as scorecardProgress events. */
  assessProject: method(z.strictObject({ projectId: id }), StoredAssessmentSchema),
  /** The latest `limit` assessments of a project, oldest first (the trend). */
  listAssessments: method(z.strictObject({ projectId: id, limit: whole('limit', 1, 500).default(50) }), z.array(AssessmentSummarySchema)),
  /** One stored assessment with what changed since the project's previous one. */
  getAssessment: method(z.strictObject({ id: assessmentId }), StoredAssessmentSchema),
  exportAssessment: method(
    z.strictObject({ id: assessmentId, format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }) }),
    ExportSchema,
  ),
  getScorecardSettings: method(z.strictObject({ projectId: id }), ScorecardSettingsSchema),
  /** Sets the project's tier and/or per-category target overrides (null removes an override). */
  updateScorecardSettings: method(
    z.strictObject({
      projectId: id,
      tier: z.enum(TIERS, { error: `tier must be one of ${TIERS.join(', ')}` }).optional(),
      targets: z
        .partialRecord(
          z.enum(CATEGORIES, { error: `targets keys must be categories: ${CATEGORIES.join(', ')}` }),
          whole('target', 0, 100).nullable(),
        )
        .optional(),
    }),
    ScorecardSettingsSchema,
  ),
  // ── Alerts and maintenance ─────────────────────────────────────────────────────────────────────
  listAlertChannels: method(noInput, z.array(ChannelSchema)),
  /** Creates or edits a channel; a webhook URL goes to the OS keychain, never to SQLite. */
  saveAlertChannel: method(SaveChannelInput, ChannelSchema),
  removeAlertChannel: method(z.strictObject({ id: recordId() }), z.strictObject({ removed: z.literal(true) })),
  /** Sends a test alert through one channel now (one attempt) and returns the logged delivery. */
  testAlertChannel: method(z.strictObject({ id: recordId() }), TestSendResultSchema),
  /** Recent alerts, newest first, each with its deliveries and every attempt. */
  listAlerts: method(z.strictObject({ limit: whole('limit', 1, 500).default(50) }), z.array(AlertSchema)),
  getAlertPolicy: method(noInput, AlertPolicySchema),
  updateAlertPolicy: method(AlertPolicySchema, AlertPolicySchema),
  listMaintenanceWindows: method(noInput, z.array(MaintenanceWindowSchema)),
  saveMaintenanceWindow: method(SaveMaintenanceInput, MaintenanceWindowSchema),
  removeMaintenanceWindow: method(z.strictObject({ id: recordId() }), z.strictObject({ removed: z.literal(true) })),
  /** Maintenance occurrences covering a monitor within a chart range (ending now). */
  getMonitorMaintenance: method(
    z.strictObject({ id: monitorId, range: z.enum(SERIES_RANGES, { error: `range must be one of ${SERIES_RANGES.join(', ')}` }) }),
    z.array(MaintenanceOccurrenceSchema),
  ),

  // ── Backups ────────────────────────────────────────────────────────────────────────────────────
  getBackupStatus: method(noInput, BackupStatusSchema),
  updateBackupConfig: method(BackupConfigSchema, BackupConfigSchema),
  /** Takes a verified online backup of the console's database now. */
  runBackupNow: method(noInput, DbBackupSchema),
  /** Validates a backup and stages it; the swap happens at the next start, when nothing holds the database. */
  restoreBackup: method(RestoreInputSchema, z.object({ staged: z.literal(true), message: z.string() })),
  cancelPendingRestore: method(noInput, z.object({ cancelled: z.boolean() })),
  saveRemoteBackupTarget: method(RemoteTargetInputSchema, RemoteTargetSchema),
  removeRemoteBackupTarget: method(z.strictObject({ id: recordId() }), z.strictObject({ removed: z.literal(true) })),
  runRemoteBackupNow: method(z.strictObject({ id: recordId() }), RemoteRunSchema),
  /** "Last good backup age" of the database and of every remote target, measured now. */
  getBackupEvidence: method(noInput, z.array(BackupEvidenceSchema)),
} as const;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodResult<M extends MethodName> = z.output<(typeof methods)[M]['result']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

// ── Events (main → renderer) ─────────────────────────────────────────────────────────────────────

export const events = {
  projectsChanged: z.object({ projects: z.array(ProjectSchema) }),
  /** Monitors whose summary changed since the last batch (a result, a transition, an edit). */
  monitorsUpdated: z.object({ monitors: z.array(MonitorSummarySchema) }),
  monitorRemoved: z.object({ id: z.number() }),
  incidentsChanged: z.object({ incidents: z.array(IncidentSchema) }),
  loopsChanged: z.object({ loops: z.array(LoopHealthSchema) }),
  settingsChanged: SettingsSchema,
  hostsChanged: z.object({ hosts: z.array(HostSummarySchema) }),
  secretsChanged: z.object({ secrets: z.array(SecretInfoSchema) }),
  /** Live output of running runbooks, batched. */
  runOutput: z.object({ chunks: z.array(RunOutputChunkSchema) }),
  runChanged: z.object({ run: RunSummarySchema }),

  // ── Agents ──
  ...agentEventShapes,
  // ── Scorecard ──
  scorecardProgress: ScorecardProgressSchema,
  /** A new assessment of a project was stored. */
  assessmentsChanged: z.object({ projectId: z.string(), latest: AssessmentSummarySchema }),

  // ── Alerts and maintenance ─────────────────────────────────────────────────────────────────────
  alertsChanged: z.object({ alerts: z.array(AlertSchema) }),
  alertChannelsChanged: z.object({ channels: z.array(ChannelSchema) }),
  /** Shown by the Electron glue as a system notification, and by a browser on `photon serve`. */
  desktopNotification: DesktopNotificationSchema,
  maintenanceChanged: z.object({ windows: z.array(MaintenanceWindowSchema) }),

  // ── Backups ────────────────────────────────────────────────────────────────────────────────────
  backupsChanged: BackupStatusSchema,
  /** Transfers in progress (pages of the database, bytes of a remote pull), a few times a second. */
  backupProgress: z.object({ running: z.array(BackupActivitySchema) }),
} as const;

export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

// ── Envelope ─────────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'BAD_REQUEST',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending input field, when one field is to blame. */
  field?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

/** What every transport offers the renderer: one function per method plus event subscription. */
export type PhotonApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodResult<M>>;
};

/** What the preload script exposes as `window.photon` (envelopes are unwrapped by the renderer). */
export type PhotonBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Envelope<MethodResult<M>>>;
} & {
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** IPC channel names, derived so that preload and main can never disagree. */
export const ipcChannel = (name: MethodName) => `photon:${name}`;
export const IPC_EVENT_CHANNEL = 'photon:event';
