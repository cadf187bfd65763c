import type Database from 'better-sqlite3';
import {
  AssessmentSchema,
  AssessmentSummarySchema,
  TIERS,
  type Assessment,
  type AssessmentSummary,
  type Category,
  type Tier,
} from '../../../preload/schemas/scorecard.ts';
import { DEFAULT_TIER } from '../tiers.ts';

interface Row {
  id: number;
  project_id: string;
  summary: string;
  report: string;
}

export class StoredReportUnreadableError extends Error {}

/** SQL for stored assessments and each project's tier and target overrides. */
export class AssessmentRepository {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare<[string, number, string, number | null, string, string]>(
        'INSERT INTO assessments (project_id, assessed_at, tier, overall, summary, report) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      setSummary: db.prepare<[string, number]>('UPDATE assessments SET summary = ? WHERE id = ?'),
      list: db.prepare<[string, number], Pick<Row, 'summary'>>('SELECT summary FROM (SELECT id, summary FROM assessments WHERE project_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id'),
      get: db.prepare<[number], Row>('SELECT id, project_id, summary, report FROM assessments WHERE id = ?'),
      previous: db.prepare<[string, number], Row>('SELECT id, project_id, summary, report FROM assessments WHERE project_id = ? AND id < ? ORDER BY id DESC LIMIT 1'),
      settings: db.prepare<[string], { tier: string; targets: string }>('SELECT tier, targets FROM project_scorecard WHERE project_id = ?'),
      saveSettings: db.prepare<[string, string, string]>(
        'INSERT INTO project_scorecard (project_id, tier, targets) VALUES (?, ?, ?) ON CONFLICT (project_id) DO UPDATE SET tier = excluded.tier, targets = excluded.targets',
      ),
    };
  }

  insert(projectId: string, report: Assessment): AssessmentSummary {
    return this.db.transaction(() => {
      const info = this.stmts.insert.run(projectId, Date.parse(report.assessedAt), report.tier, report.overall.score, '{}', JSON.stringify(report));
      const summary = summarize(Number(info.lastInsertRowid), projectId, report);
      this.stmts.setSummary.run(JSON.stringify(summary), summary.id);
      return summary;
    })();
  }

  /** The latest `limit` summaries of a project, oldest first (ready for a trend chart). */
  list(projectId: string, limit: number): AssessmentSummary[] {
    return this.stmts.list.all(projectId, limit).flatMap((r) => {
      const parsed = AssessmentSummarySchema.safeParse(JSON.parse(r.summary));
      return parsed.success ? [parsed.data] : [];
    });
  }

  get(id: number): { summary: AssessmentSummary; report: Assessment } | null {
    const row = this.stmts.get.get(id);
    return row ? decode(row) : null;
  }

  previous(projectId: string, id: number): { summary: AssessmentSummary; report: Assessment } | null {
    const row = this.stmts.previous.get(projectId, id);
    return row ? decode(row) : null;
  }

  settings(projectId: string): { tier: Tier; overrides: Partial<Record<Category, number>> } {
    const row = this.stmts.settings.get(projectId);
    if (!row) return { tier: DEFAULT_TIER, overrides: {} };
    const tier = (TIERS as readonly string[]).includes(row.tier) ? (row.tier as Tier) : DEFAULT_TIER;
    let overrides: Partial<Record<Category, number>> = {};
    try {
      overrides = JSON.parse(row.targets) as Partial<Record<Category, number>>;
    } catch {
      // A damaged overrides cell falls back to the tier's defaults rather than blocking the view.
    }
    return { tier, overrides };
  }

  saveSettings(projectId: string, tier: Tier, overrides: Partial<Record<Category, number>>): void {
    this.stmts.saveSettings.run(projectId, tier, JSON.stringify(overrides));
  }
}

function decode(row: Row): { summary: AssessmentSummary; report: Assessment } {
  const report = AssessmentSchema.safeParse(JSON.parse(row.report));
  if (!report.success) throw new StoredReportUnreadableError(`stored assessment ${row.id} does not match the report schema; it is kept as it is`);
  return { summary: summarize(row.id, row.project_id, report.data), report: report.data };
}

export function summarize(id: number, projectId: string, report: Assessment): AssessmentSummary {
  const { pass, fail, unknown, not_applicable } = report.overall.counts;
  return {
    id,
    projectId,
    assessedAt: report.assessedAt,
    tier: report.tier,
    overall: report.overall.score,
    categories: report.categories.map((c) => ({ name: c.name, current: c.current })),
    counts: { pass, fail, unknown, not_applicable },
  };
}
