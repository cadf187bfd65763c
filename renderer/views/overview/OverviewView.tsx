import { useEffect, useMemo } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { SelectField, type Choice } from '../../components/SelectField.tsx';
import { useOverviewStore, useProjectsStore, useSettingsStore } from '../../state/stores-context.tsx';
import { DeclaredFacts } from './DeclaredFacts.tsx';
import { HealthTable } from './HealthTable.tsx';
import { LoopsTable } from './LoopsTable.tsx';
import { MaintenanceAndBackups } from './MaintenanceAndBackups.tsx';
import { ProductionStatus } from './ProductionStatus.tsx';

const ALL = '*';

/** The production environment at a glance, in the spirit of a deployment readiness report: measured, or declared and labelled so. */
export function OverviewView() {
  const projects = useProjectsStore((s) => s.projects);
  const projectId = useOverviewStore((s) => s.projectId);
  const overview = useOverviewStore((s) => s.overview);
  const error = useOverviewStore((s) => s.error);
  const select = useOverviewStore((s) => s.select);
  const refresh = useOverviewStore((s) => s.refresh);
  const watch = useOverviewStore((s) => s.watch);
  // The overview carries the threshold it was computed with; the settings store is newer when it has changed since.
  const staleSetting = useSettingsStore((s) => s.settings?.staleAfterSeconds);
  const staleAfterSeconds = staleSetting ?? overview?.staleAfterSeconds;

  useEffect(() => watch(), [watch]);

  const choices = useMemo<Choice<string>[]>(() => [{ value: ALL, label: 'All projects' }, ...projects.map((p) => ({ value: p.id, label: p.name }))], [projects]);
  const projectName = projects.find((p) => p.id === projectId)?.name;

  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <div className="title-row">
        <h1 id="view-title">Overview</h1>
        <div className="inline-field">
          <SelectField label="Project" value={projectId ?? ALL} choices={choices} onChange={(v) => select(v === ALL ? null : v)} />
        </div>
      </div>
      {error && <ErrorBanner title="Could not build the overview" error={error} onRetry={() => void refresh()} />}
      {!overview && !error && <p className="muted">Loading the overview…</p>}
      {overview && (
        <>
          <section className="card" aria-labelledby="production-title">
            <h2 id="production-title">Production environment status{projectName ? ` — ${projectName}` : ''}</h2>
            <ProductionStatus production={overview.production} staleAfterSeconds={staleAfterSeconds} />
            <DeclaredFacts declared={overview.declared} source={overview.declaredSource} allProjects={overview.projectId === null} />
          </section>
          <section className="card" aria-labelledby="health-title">
            <h2 id="health-title">Infrastructure health</h2>
            <HealthTable overview={overview} staleAfterSeconds={staleAfterSeconds} />
          </section>
          <MaintenanceAndBackups />
          <section className="card" aria-labelledby="loops-title">
            <h2 id="loops-title">Monitoring loops</h2>
            <LoopsTable />
          </section>
        </>
      )}
    </section>
  );
}
