/** Backups of the console's database and of remote data, and their "last good backup age" evidence. */
import { z } from 'zod';
import { noInput, recordId, removedResult, requiredText, sshFingerprint, sshLoginFields, typeError, whole } from './fields.ts';

export const BackupConfigSchema = z.strictObject({
  enabled: z.boolean({ error: typeError('enabled', 'true or false') }),
  everyHours: whole('everyHours', 1, 720),
  keepDaily: whole('keepDaily', 0, 365),
  keepWeekly: whole('keepWeekly', 0, 520),
});

const VerificationSchema = z.object({ integrity: z.string(), schemaVersion: z.number(), rowCounts: z.record(z.string(), z.number()) });

export const DbBackupSchema = z.object({
  id: z.number(),
  /** File name inside the backups folder. */
  name: z.string(),
  file: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  startedAt: z.number(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  status: z.enum(['ok', 'failed']),
  verification: VerificationSchema.nullable(),
  error: z.string().nullable(),
  /** When retention deleted the file; the record stays as history. */
  removedAt: z.number().nullable(),
});
export type DbBackup = z.infer<typeof DbBackupSchema>;

/** Same fields and rules as the sqlite-over-ssh monitor target's connection. */
const sshConnection = { ...sshLoginFields(), hostKey: sshFingerprint() };

export const RemoteSourceSchema = z.discriminatedUnion(
  'kind',
  [
    /** A file on the host, e.g. a nightly dump or an SQLite database (copied with sqlite3 .backup when `sqlite` is true). */
    z.strictObject({ kind: z.literal('file'), path: requiredText('source.path', 4096) }),
    /** A command whose standard output is the backup, e.g. `pg_dump -Fc app`. Run without a terminal. */
    z.strictObject({ kind: z.literal('command'), command: requiredText('source.command', 4096), fileExtension: z.string().regex(/^[a-z0-9.]{1,16}$/, { error: 'fileExtension may hold a-z, 0-9 and dots (at most 16)' }).default('dump') }),
  ],
  { error: 'source.kind must be file or command' },
);

export const RemoteTargetInputSchema = z.strictObject({
  id: recordId().optional(),
  name: requiredText('name', 120),
  ...sshConnection,
  source: RemoteSourceSchema,
  /** Where pulled files go; <data dir>/remote-backups/<name> when absent. */
  localFolder: requiredText('localFolder', 4096).optional(),
  everyHours: whole('everyHours', 1, 720).default(24),
  keepDaily: whole('keepDaily', 0, 365).default(7),
  keepWeekly: whole('keepWeekly', 0, 520).default(4),
  /** "Last good backup age" thresholds of the backup check. */
  warnAfterHours: whole('warnAfterHours', 1, 8760).default(26),
  failAfterHours: whole('failAfterHours', 1, 8760).default(50),
});
export type RemoteTargetInput = z.output<typeof RemoteTargetInputSchema>;

export const RemoteRunSchema = z.object({
  id: z.number(),
  targetId: z.number(),
  file: z.string().nullable(),
  startedAt: z.number(),
  durationMs: z.number().nullable(),
  sizeBytes: z.number().nullable(),
  sha256: z.string().nullable(),
  status: z.enum(['ok', 'failed']),
  error: z.string().nullable(),
  removedAt: z.number().nullable(),
});
export type RemoteRun = z.infer<typeof RemoteRunSchema>;

export const BACKUP_CHECK_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;

/** "Last good backup age" as live evidence: measured now, from the recorded runs. */
export const BackupEvidenceSchema = z.object({
  subject: z.string(),
  targetId: z.number().nullable(),
  status: z.enum(BACKUP_CHECK_STATUSES),
  lastGoodAt: z.number().nullable(),
  ageMs: z.number().nullable(),
  warnAfterMs: z.number(),
  failAfterMs: z.number(),
  measuredAt: z.number(),
  detail: z.string(),
  source: z.string(),
});
export type BackupEvidence = z.infer<typeof BackupEvidenceSchema>;

export const RemoteTargetSchema = z.object({
  id: z.number(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  user: z.string(),
  hostKey: z.string(),
  privateKeyPath: z.string().optional(),
  useAgent: z.boolean(),
  source: z.union([z.object({ kind: z.literal('file'), path: z.string() }), z.object({ kind: z.literal('command'), command: z.string(), fileExtension: z.string() })]),
  localFolder: z.string(),
  everyHours: z.number(),
  keepDaily: z.number(),
  keepWeekly: z.number(),
  warnAfterHours: z.number(),
  failAfterHours: z.number(),
  evidence: BackupEvidenceSchema,
});
export type RemoteTarget = z.infer<typeof RemoteTargetSchema>;

export const BackupActivitySchema = z.object({
  kind: z.enum(['database', 'remote']),
  targetId: z.number().nullable(),
  label: z.string(),
  startedAt: z.number(),
  done: z.number(),
  total: z.number().nullable(),
  unit: z.enum(['pages', 'bytes']),
});
export type BackupActivity = z.infer<typeof BackupActivitySchema>;

export const BackupStatusSchema = z.object({
  config: BackupConfigSchema,
  folder: z.string(),
  backups: z.array(DbBackupSchema),
  evidence: BackupEvidenceSchema,
  pendingRestore: z.boolean(),
  running: z.array(BackupActivitySchema),
  remoteTargets: z.array(RemoteTargetSchema),
  remoteRuns: z.array(RemoteRunSchema),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const RestoreInputSchema = z.strictObject({
  id: recordId(),
  /** The backup's file name typed by the person: a restore is never one click. */
  confirmName: requiredText('confirmName', 200),
});

export const backupMethodShapes = {
  getBackupStatus: { input: noInput, result: BackupStatusSchema },
  updateBackupConfig: { input: BackupConfigSchema, result: BackupConfigSchema },
  /** Takes a verified online backup of the console's database now. */
  runBackupNow: { input: noInput, result: DbBackupSchema },
  /** Validates a backup and stages it; the swap happens at the next start, when nothing holds the database. */
  restoreBackup: { input: RestoreInputSchema, result: z.object({ staged: z.literal(true), message: z.string() }) },
  cancelPendingRestore: { input: noInput, result: z.object({ cancelled: z.boolean() }) },
  saveRemoteBackupTarget: { input: RemoteTargetInputSchema, result: RemoteTargetSchema },
  removeRemoteBackupTarget: { input: z.strictObject({ id: recordId() }), result: removedResult },
  runRemoteBackupNow: { input: z.strictObject({ id: recordId() }), result: RemoteRunSchema },
  /** "Last good backup age" of the database and of every remote target, measured now. */
  getBackupEvidence: { input: noInput, result: z.array(BackupEvidenceSchema) },
} as const;

export const backupEventShapes = {
  backupsChanged: BackupStatusSchema,
  /** Transfers in progress (pages of the database, bytes of a remote pull), a few times a second. */
  backupProgress: z.object({ running: z.array(BackupActivitySchema) }),
} as const;
