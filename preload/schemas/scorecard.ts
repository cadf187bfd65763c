/**
 * The readiness scorecard's shapes: the assessment JSON report (a documented, stable schema —
 * `schemaVersion` changes only when a field is removed or changes meaning) and the contract's
 * scorecard methods. Documented field by field in README.md ("Readiness scorecard").
 */
import { z } from 'zod';
import { recordId, textId, whole } from './fields.ts';

export const CATEGORIES = [
  'Infrastructure',
  'Authentication',
  'Security',
  'Performance',
  'Commercial Features',
  'Monitoring',
  'Documentation',
  'Testing',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const RISKS = ['critical', 'high', 'medium', 'low'] as const;
export type Risk = (typeof RISKS)[number];

export const EFFORTS = ['small', 'medium', 'large'] as const;
export type Effort = (typeof EFFORTS)[number];

export const TIERS = ['prototype', 'production', 'commercial'] as const;
export type Tier = (typeof TIERS)[number];

export const CHECK_STATUSES = ['pass', 'fail', 'unknown', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const PRIORITIES = ['CRITICAL', 'High', 'Medium', 'Low', 'Met', 'Unknown'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const EvidenceSchema = z.discriminatedUnion('kind', [
  /** A place in the repository; line is 1-based, null for a whole file or a missing one. */
  z.object({ kind: z.literal('file'), file: z.string(), line: z.number().nullable(), note: z.string() }),
  /** A live measurement: the monitor that took it and when (ISO 8601; null before its first result). */
  z.object({ kind: z.literal('probe'), monitorId: z.number().nullable(), probe: z.string(), at: z.string().nullable(), note: z.string() }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const CheckReportSchema = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  title: z.string(),
  risk: z.enum(RISKS),
  /** Risk weight used by the score: critical 10, high 7.5, medium 5, low 2.5. */
  weight: z.number(),
  source: z.enum(['static', 'live']),
  status: z.enum(CHECK_STATUSES),
  /** One line saying why this status. */
  reason: z.string(),
  evidence: z.array(EvidenceSchema),
  remediation: z.string(),
  effort: z.enum(EFFORTS),
  /** The lowest tier that requires this check (every higher tier requires it too). */
  requiredFrom: z.enum(TIERS),
  /** Whether the assessed tier requires it. */
  required: z.boolean(),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

export const CategoryReportSchema = z.object({
  name: z.enum(CATEGORIES),
  /** Percent 0–100 (one decimal), null when no check of the category was conclusive. */
  current: z.number().nullable(),
  target: z.number(),
  /** target − current, never below 0; null while current is unknown. */
  gap: z.number().nullable(),
  priority: z.enum(PRIORITIES),
  /** Σ weights of conclusive checks: this category's weight in the overall score. */
  weight: z.number(),
  counts: z.object({ pass: z.number(), fail: z.number(), unknown: z.number(), not_applicable: z.number() }),
});
export type CategoryReport = z.infer<typeof CategoryReportSchema>;

export const EnvKeySchema = z.object({
  key: z.string(),
  line: z.number(),
  /** "placeholder" (empty or an obvious stand-in), "value" (a non-secret-looking value), "secret" (looks like a real secret). */
  value: z.enum(['placeholder', 'value', 'secret']),
  /** Why it looks like a real secret (pattern name or entropy), never the value itself. */
  finding: z.string().nullable(),
});

export const ConfigurationSchema = z.object({
  packageJson: z.string().nullable(),
  nodeEngine: z.string().nullable(),
  dependencies: z.number().nullable(),
  devDependencies: z.number().nullable(),
  workspaces: z.array(z.string()),
  scripts: z.record(z.string(), z.string()),
  lockfile: z.string().nullable(),
  docker: z
    .object({
      file: z.string(),
      baseImages: z.array(z.string()),
      user: z.string().nullable(),
      healthcheck: z.boolean(),
    })
    .nullable(),
  deployTargets: z.array(z.object({ name: z.string(), file: z.string(), line: z.number().nullable() })),
  envTemplates: z.array(z.object({ file: z.string(), keys: z.array(EnvKeySchema) })),
});
export type Configuration = z.infer<typeof ConfigurationSchema>;

export const WalkProblemSchema = z.object({ path: z.string(), problem: z.string() });
export type WalkProblem = z.infer<typeof WalkProblemSchema>;

export const ASSESSMENT_SCHEMA_VERSION = 1;

export const AssessmentSchema = z.object({
  schemaVersion: z.literal(ASSESSMENT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('photon-console'), version: z.string() }),
  repository: z.string(),
  /** ISO 8601 time the assessment finished. */
  assessedAt: z.string(),
  tier: z.enum(TIERS),
  overall: z.object({
    /** Percent 0–100 (one decimal), null when nothing was conclusive. */
    score: z.number().nullable(),
    level: z.enum(['STRONG', 'GOOD', 'MODERATE', 'LOW', 'UNKNOWN']),
    counts: z.object({ pass: z.number(), fail: z.number(), unknown: z.number(), not_applicable: z.number(), total: z.number() }),
    /** The highest tier whose required checks all pass (null: not even prototype). */
    tierReached: z.enum(TIERS).nullable(),
  }),
  categories: z.array(CategoryReportSchema),
  checks: z.array(CheckReportSchema),
  /** Facts the operator declared (photon.yml environment: domain, VM address, provider…): shown as declared, never as measured. */
  declared: z.object({ source: z.string().nullable(), facts: z.record(z.string(), z.string()) }).nullable(),
  configuration: ConfigurationSchema,
  walk: z.object({ files: z.number(), bytesRead: z.number(), durationMs: z.number(), problems: z.array(WalkProblemSchema) }),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

// ── Contract shapes ─────────────────────────────────────────────────────────────────────────────

export const AssessmentSummarySchema = z.object({
  id: z.number(),
  projectId: z.string(),
  assessedAt: z.string(),
  tier: z.enum(TIERS),
  overall: z.number().nullable(),
  categories: z.array(z.object({ name: z.enum(CATEGORIES), current: z.number().nullable() })),
  counts: z.object({ pass: z.number(), fail: z.number(), unknown: z.number(), not_applicable: z.number() }),
});
export type AssessmentSummary = z.infer<typeof AssessmentSummarySchema>;

export const AssessmentDiffSchema = z.object({
  previousId: z.number().nullable(),
  overallDelta: z.number().nullable(),
  categories: z.array(z.object({ name: z.enum(CATEGORIES), from: z.number().nullable(), to: z.number().nullable() })),
  checks: z.array(z.object({ id: z.string(), title: z.string(), from: z.enum(CHECK_STATUSES).nullable(), to: z.enum(CHECK_STATUSES).nullable() })),
});
export type AssessmentDiff = z.infer<typeof AssessmentDiffSchema>;

export const StoredAssessmentSchema = z.object({
  summary: AssessmentSummarySchema,
  report: AssessmentSchema,
  /** What changed since the project's previous assessment. */
  diff: AssessmentDiffSchema,
});
export type StoredAssessment = z.infer<typeof StoredAssessmentSchema>;

export const TargetsSchema = z.record(z.enum(CATEGORIES), z.number());
export const ScorecardSettingsSchema = z.object({
  projectId: z.string(),
  tier: z.enum(TIERS),
  /** Target per category in percent: the tier's defaults with the project's overrides applied. */
  targets: z.record(z.string(), z.number()),
  overrides: z.record(z.string(), z.number()),
});
export type ScorecardSettings = z.infer<typeof ScorecardSettingsSchema>;

export const EXPORT_FORMATS = ['md', 'json', 'sarif'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportSchema = z.object({ fileName: z.string(), mediaType: z.string(), content: z.string() });

export const ScorecardProgressSchema = z.object({
  projectId: z.string(),
  phase: z.enum(['walking', 'checking', 'storing', 'done', 'failed']),
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
});
export type ScorecardProgress = z.infer<typeof ScorecardProgressSchema>;

const assessmentId = recordId();

export const scorecardMethodShapes = {
  /** Assesses the project's repository (repoPath) with its live monitor evidence; progress arrives as scorecardProgress events. */
  assessProject: { input: z.strictObject({ projectId: textId() }), result: StoredAssessmentSchema },
  /** The latest `limit` assessments of a project, oldest first (the trend). */
  listAssessments: {
    input: z.strictObject({ projectId: textId(), limit: whole('limit', 1, 500).default(50) }),
    result: z.array(AssessmentSummarySchema),
  },
  /** One stored assessment with what changed since the project's previous one. */
  getAssessment: { input: z.strictObject({ id: assessmentId }), result: StoredAssessmentSchema },
  exportAssessment: {
    input: z.strictObject({ id: assessmentId, format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }) }),
    result: ExportSchema,
  },
  getScorecardSettings: { input: z.strictObject({ projectId: textId() }), result: ScorecardSettingsSchema },
  /** Sets the project's tier and/or per-category target overrides (null removes an override). */
  updateScorecardSettings: {
    input: z.strictObject({
      projectId: textId(),
      tier: z.enum(TIERS, { error: `tier must be one of ${TIERS.join(', ')}` }).optional(),
      targets: z
        .partialRecord(
          z.enum(CATEGORIES, { error: `targets keys must be categories: ${CATEGORIES.join(', ')}` }),
          whole('target', 0, 100).nullable(),
        )
        .optional(),
    }),
    result: ScorecardSettingsSchema,
  },
} as const;

export const scorecardEventShapes = {
  scorecardProgress: ScorecardProgressSchema,
  /** A new assessment of a project was stored. */
  assessmentsChanged: z.object({ projectId: z.string(), latest: AssessmentSummarySchema }),
} as const;
