import { useState } from 'react';
import type { MethodResult, Project } from '../../../preload/contract.ts';
import { toApiError } from '../../api/client.ts';
import { plural } from '../../format/numbers.ts';
import { useMonitorsStore, useProjectsStore } from '../../state/stores-context.tsx';

type Outcome = { kind: 'done'; result: MethodResult<'importProjectConfig'> } | { kind: 'failed'; message: string };

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
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', result: await importConfig(project.id) });
    } catch (err) {
      setOutcome({ kind: 'failed', message: toApiError(err).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li>
      <div className="import-head">
        <div>
          <strong>{project.name}</strong>{' '}
          {project.repoPath ? <code className="muted">{project.repoPath}</code> : <span className="muted">no repository path</span>}
        </div>
        <button type="button" onClick={() => void run()} disabled={busy || !project.repoPath}>
          {busy ? 'Importing…' : 'Import photon.yml'}
          <span className="visually-hidden"> of {project.name}</span>
        </button>
      </div>
      {outcome && <ImportOutcome outcome={outcome} />}
    </li>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'failed') {
    return (
      <p className="field-error" role="alert">
        {outcome.message}
      </p>
    );
  }
  const { file, monitors, removed, problems } = outcome.result;
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
