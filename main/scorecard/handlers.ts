import type Database from 'better-sqlite3';
import { CATEGORIES, type Category, type ScorecardSettings, type StoredAssessment } from '../../preload/schemas/scorecard.ts';
import type { LoopHealth, Project } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { Handlers } from '../api/dispatcher.ts';
import { withContext } from '../api/error-mapping.ts';
import { errorMessage } from '../core/error-message.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { MonitoringService } from '../monitors/index.ts';
import { assessRepository } from './assess.ts';
import { liveFromSnapshot } from './evidence/live-evidence.ts';
import type { EvidenceProviderRegistry } from './evidence/provider-registry.ts';
import { AssessmentRepository } from './history/assessment-repository.ts';
import { scorecardErrors } from './scorecard-contract-errors.ts';
import { diffAssessments } from './history/diff.ts';
import { EXTENSION, MEDIA_TYPE, renderReport } from './report/render.ts';
import { targetsFor } from './tiers.ts';

export interface ScorecardDeps {
  db: Database.Database;
  events: EventBus;
  monitoring: MonitoringService;
  loops: () => LoopHealth[];
  requireProject: (id: string) => Project;
  staleAfterSeconds: () => number;
  providers: EvidenceProviderRegistry;
  /** The project's declared environment (imported from photon.yml or entered), if any. */
  declared: (projectId: string) => { facts: Record<string, string>; source: string | null } | null;
  now?: () => number;
}

/** The scorecard's contract methods: assess a project's repository with its live evidence, keep the history. */
export function scorecardHandlers(deps: ScorecardDeps) {
  const repo = new AssessmentRepository(deps.db);
  const now = deps.now ?? Date.now;
  const running = new Set<string>();

  const settingsOf = (projectId: string): ScorecardSettings => {
    const { tier, overrides } = repo.settings(projectId);
    return { projectId, tier, targets: targetsFor(tier, overrides), overrides };
  };

  const stored = (id: number): StoredAssessment => {
    let found;
    try {
      found = repo.get(id);
    } catch (err) {
      throw scorecardErrors(err) ?? err;
    }
    if (!found) throw new ContractError('NOT_FOUND', `No assessment with id ${id}`, 'id');
    let previous = null;
    try {
      previous = repo.previous(found.summary.projectId, id);
    } catch {
      // An unreadable older run only means there is nothing to compare with.
    }
    return { ...found, diff: diffAssessments(previous && { id: previous.summary.id, report: previous.report }, found.report) };
  };

  return {
    assessProject: async ({ projectId }) => {
      const project = deps.requireProject(projectId);
      if (!project.repoPath) throw new ContractError('BAD_REQUEST', `Project "${project.name}" has no repository path; set one in Projects to assess it`, 'projectId');
      if (running.has(projectId)) throw new ContractError('CONFLICT', `Project "${project.name}" is already being assessed`);
      running.add(projectId);
      const progress = (p: { phase: 'walking' | 'checking' | 'storing' | 'done' | 'failed'; done: number; total: number | null; message: string }) =>
        deps.events.emit('scorecardProgress', { projectId, ...p });
      try {
        const { tier, overrides } = repo.settings(projectId);
        const report = await assessRepository(project.repoPath, {
          tier,
          targets: overrides,
          projectId,
          live: liveFromSnapshot(deps.monitoring.snapshot(), { projectId, loops: deps.loops(), now: now(), staleAfterSeconds: deps.staleAfterSeconds() }),
          providers: deps.providers.list(),
          declared: deps.declared(projectId),
          onProgress: progress,
          now,
        });
        progress({ phase: 'storing', done: report.checks.length, total: report.checks.length, message: 'Storing the assessment' });
        const summary = repo.insert(projectId, report);
        progress({ phase: 'done', done: report.checks.length, total: report.checks.length, message: `Overall ${report.overall.score === null ? 'unknown' : `${report.overall.score}%`}` });
        deps.events.emit('assessmentsChanged', { projectId, latest: summary });
        return stored(summary.id);
      } catch (err) {
        progress({ phase: 'failed', done: 0, total: null, message: errorMessage(err) });
        const mapped = scorecardErrors(err);
        throw mapped ? withContext(mapped, `Repository path of "${project.name}"`) : err;
      } finally {
        running.delete(projectId);
      }
    },
    listAssessments: ({ projectId, limit }) => {
      deps.requireProject(projectId);
      return repo.list(projectId, limit);
    },
    getAssessment: ({ id }) => stored(id),
    exportAssessment: ({ id, format }) => {
      const { report, summary } = stored(id);
      const day = summary.assessedAt.slice(0, 10);
      return { fileName: `readiness-${summary.id}-${day}.${EXTENSION[format]}`, mediaType: MEDIA_TYPE[format], content: renderReport(report, format) };
    },
    getScorecardSettings: ({ projectId }) => {
      deps.requireProject(projectId);
      return settingsOf(projectId);
    },
    updateScorecardSettings: ({ projectId, tier, targets }) => {
      deps.requireProject(projectId);
      const current = repo.settings(projectId);
      const overrides: Partial<Record<Category, number>> = { ...current.overrides };
      for (const c of CATEGORIES) {
        const v = targets?.[c];
        if (v === null) delete overrides[c];
        else if (v !== undefined) overrides[c] = v;
      }
      repo.saveSettings(projectId, tier ?? current.tier, overrides);
      return settingsOf(projectId);
    },
  } satisfies Partial<Handlers>;
}
