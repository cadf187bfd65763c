import { useEffect, useMemo, useState } from 'react';
import type { ExportFormat, Tier } from '../../../preload/schemas/scorecard.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useProjectsStore, useScorecardStore, useSettingsStore } from '../../state/stores-context.tsx';
import { CategoryTable } from './CategoryTable.tsx';
import { ChangesSinceLast } from './ChangesSinceLast.tsx';
import { CheckDetail } from './CheckDetail.tsx';
import { ChecksList } from './ChecksList.tsx';
import { downloadText } from './download.ts';
import { pct, TIER_CHOICES } from './labels.ts';
import { TargetsEditor } from './TargetsEditor.tsx';
import { TrendChart } from './TrendChart.tsx';

const NONE = '';
const EXPORTS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'md', label: 'Export Markdown' },
  { format: 'json', label: 'Export JSON' },
  { format: 'sarif', label: 'Export SARIF' },
];

/** Deployment readiness of one project, every number from evidence, with its history. */
export function ScorecardView() {
  const projects = useProjectsStore((s) => s.projects);
  const projectId = useScorecardStore((s) => s.projectId);
  const settings = useScorecardStore((s) => s.settings);
  const history = useScorecardStore((s) => s.history);
  const current = useScorecardStore((s) => s.current);
  const loading = useScorecardStore((s) => s.loading);
  const progress = useScorecardStore((s) => s.progress);
  const error = useScorecardStore((s) => s.error);
  const selectedCheckId = useScorecardStore((s) => s.selectedCheckId);
  const select = useScorecardStore((s) => s.select);
  const assess = useScorecardStore((s) => s.assess);
  const reload = useScorecardStore((s) => s.reload);
  const setTier = useScorecardStore((s) => s.setTier);
  const setTarget = useScorecardStore((s) => s.setTarget);
  const selectCheck = useScorecardStore((s) => s.selectCheck);
  const exportAs = useScorecardStore((s) => s.exportAs);
  const staleAfterSeconds = useSettingsStore((s) => s.settings?.staleAfterSeconds);
  const [exportError, setExportError] = useState<ApiError | null>(null);

  // Start on the first project that has a repository to assess.
  useEffect(() => {
    if (projectId === null) {
      const first = projects.find((p) => p.repoPath) ?? projects[0];
      if (first) select(first.id);
    }
  }, [projectId, projects, select]);

  const choices = useMemo<Choice<string>[]>(() => [...(projectId === null ? [{ value: NONE, label: 'Choose a project' }] : []), ...projects.map((p) => ({ value: p.id, label: p.name }))], [projects, projectId]);
  const project = projects.find((p) => p.id === projectId);
  const report = current?.report;
  const selected = report?.checks.find((c) => c.id === selectedCheckId) ?? null;
  const running = progress !== null;

  const doExport = async (format: ExportFormat) => {
    setExportError(null);
    try {
      const file = await exportAs(format);
      downloadText(file.fileName, file.mediaType, file.content);
    } catch (err) {
      setExportError(toApiError(err));
    }
  };

  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <div className="title-row">
        <h1 id="view-title">Scorecard</h1>
        <div className="inline-field">
          <SelectField label="Project" value={projectId ?? NONE} choices={choices} onChange={(v) => v !== NONE && select(v)} />
        </div>
        {settings && (
          <div className="inline-field">
            <SelectField<Tier> label="Target tier" value={settings.tier} choices={TIER_CHOICES} onChange={(t) => void setTier(t)} />
          </div>
        )}
      </div>

      {projects.length === 0 && <p className="muted">Add a project with a repository path in Projects to assess it.</p>}
      {project && !project.repoPath && <p className="muted">“{project.name}” has no repository path. Set one in Projects to assess it.</p>}

      {project && (
        <div className="actions">
          <button type="button" className="primary" disabled={running || !project.repoPath} onClick={() => void assess()}>
            {report ? 'Re-assess' : 'Assess'}
          </button>
          {EXPORTS.map((e) => (
            <button key={e.format} type="button" disabled={!report} onClick={() => void doExport(e.format)}>
              {e.label}
            </button>
          ))}
        </div>
      )}
      {settings && project?.repoPath && <TargetsEditor key={settings.projectId} settings={settings} onSave={setTarget} />}
      {settings && report && settings.tier !== report.tier && (
        <p className="muted">This assessment was made at the {report.tier} tier; re-assess to score it against the {settings.tier} tier.</p>
      )}
      {progress && (
        <div className="assess-progress" role="status">
          <progress max={progress.total ?? undefined} value={progress.total === null ? undefined : progress.done} aria-label="Assessment progress" /> {progress.message}
        </div>
      )}
      {error && <ErrorBanner title="The scorecard could not be loaded or run" error={error} onRetry={() => void reload()} />}
      {exportError && <ErrorBanner title="Export failed" error={exportError} />}
      {project && loading && !report && <p className="muted">Loading assessments…</p>}
      {project && !loading && !report && !running && project.repoPath && <p className="muted">Not assessed yet. “Assess” reads the repository at {project.repoPath} and this project’s monitors.</p>}

      {report && current && (
        <>
          <section className="card" aria-labelledby="overall-title">
            <h2 id="overall-title">Overall deployment readiness</h2>
            <p className="overall-score">
              <strong data-testid="overall-score">{pct(report.overall.score)}</strong> <span className="badge status-unknown">{report.overall.level}</span>
            </p>
            <p className="muted">
              Assessed <Timestamp at={Date.parse(report.assessedAt)} /> at the {report.tier} tier · tier reached: {report.overall.tierReached ?? 'none'} · {report.overall.counts.pass} pass,{' '}
              {report.overall.counts.fail} fail, {report.overall.counts.unknown} unknown, {report.overall.counts.not_applicable} not applicable · {report.walk.files} files read from{' '}
              <span className="code">{report.repository}</span>
            </p>
            {report.walk.problems.length > 0 && (
              <details>
                <summary>{report.walk.problems.length} file(s) could not be read</summary>
                <ul>
                  {report.walk.problems.map((p) => (
                    <li key={p.path}>
                      <span className="code">{p.path}</span>: {p.problem}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
          <section className="card" aria-labelledby="categories-title">
            <h2 id="categories-title">Deployment readiness scorecard</h2>
            <CategoryTable categories={report.categories} />
            <p className="muted">
              Score = weighted share of conclusive checks (risk weights critical 10, high 7.5, medium 5, low 2.5); unknown and not-applicable checks are left out. Gap = target − current.
            </p>
          </section>
          <div className="scorecard-columns">
            <section className="card" aria-labelledby="trend-title">
              <h2 id="trend-title">Trend</h2>
              <TrendChart history={history} />
            </section>
            <section className="card" aria-labelledby="changes-title">
              <h2 id="changes-title">Changes since the last run</h2>
              <ChangesSinceLast diff={current.diff} />
            </section>
          </div>
          <section className="card" aria-labelledby="checks-title">
            <h2 id="checks-title">Checks</h2>
            <ChecksList
              checks={report.checks}
              selectedId={selectedCheckId}
              onSelect={(id) => selectCheck(id === selectedCheckId ? null : id)}
              detail={selected && <CheckDetail check={selected} staleAfterSeconds={staleAfterSeconds} onClose={() => selectCheck(null)} />}
            />
          </section>
        </>
      )}
    </section>
  );
}
