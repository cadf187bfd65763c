import { useState } from 'react';
import type { MethodResult, Project } from '../../../preload/contract.ts';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { plural } from '../../format/numbers.ts';
import { useMonitorsStore, useProjectsStore } from '../../state/stores-context.tsx';

type Imported = MethodResult<'importProjectConfig'>;

/** Each project's photon.yml can be (re)imported here; the core applies all of it or, with any problem, none. */
export function ImportConfigPanel() {
  const projects = useProjectsStore((s) => s.projects);
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Monitors from photon.yml</h2>
      {projects.length === 0 ? (
        <p className="muted">
          No projects yet. <a href="#/projects">Add a project</a> with a repository path to import its photon.yml.
        </p>
      ) : (
        <ul className="import-list">
          {projects.map((p) => (
            <ImportItem key={p.id} project={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ImportItem({ project }: { project: Project }) {
  const importConfig = useMonitorsStore((s) => s.importConfig);
  const [result, setResult] = useState<Imported | null>(null);
  const importing = useAsyncAction(async () => setResult(await importConfig(project.id)));
  const run = () => {
    setResult(null);
    void importing.run();
  };

  return (
    <li>
      <div className="import-head">
        <div>
          <strong>{project.name}</strong>{' '}
          {project.repoPath ? <code className="muted">{project.repoPath}</code> : <span className="muted">no repository path</span>}
        </div>
        <button type="button" onClick={run} disabled={importing.busy || !project.repoPath}>
          {importing.busy ? 'Importing…' : 'Import photon.yml'}
          <span className="visually-hidden"> of {project.name}</span>
        </button>
      </div>
      {importing.error !== null ? (
        <p className="field-error" role="alert">
          {importing.error}
        </p>
      ) : (
        result && <ImportOutcome result={result} />
      )}
    </li>
  );
}

function ImportOutcome({ result }: { result: Imported }) {
  const { file, monitors, removed, problems } = result;
  if (problems.length === 0) {
    return (
      <p className="form-status" role="status">
        Imported {plural(monitors, 'monitor')} from {file}
        {removed > 0 ? `; removed ${plural(removed, 'monitor')} no longer in the file` : ''}.
      </p>
    );
  }
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">
        {plural(problems.length, 'problem')} in {file}. Nothing was applied: fix the file and import again.
      </p>
      <ul className="problem-list" aria-label="Problems in photon.yml">
        {problems.map((p, i) => (
          <li key={i}>
            <code>
              {p.file}:{p.line}:{p.column}
            </code>{' '}
            — {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
