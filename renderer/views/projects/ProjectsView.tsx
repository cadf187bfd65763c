import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { AddProjectForm } from './AddProjectForm.tsx';
import { ProjectItem } from './ProjectItem.tsx';

export function ProjectsView() {
  const projects = useProjectsStore((s) => s.projects);
  const status = useProjectsStore((s) => s.status);
  const error = useProjectsStore((s) => s.error);
  const reload = useProjectsStore((s) => s.reload);

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">Projects</h1>
      {error && <ErrorBanner title="Could not load the project list" error={error} onRetry={() => void reload()} />}
      <AddProjectForm />
      <section aria-labelledby="project-list-title">
        <div className="list-head">
          <h2 id="project-list-title">Project list</h2>
          {projects.length > 0 && <p className="muted">{projects.length === 1 ? '1 project' : `${projects.length} projects`}</p>}
        </div>
        {status === 'loading' && <p className="muted">Loading projects…</p>}
        {status === 'ready' && projects.length === 0 && <p className="muted">No projects yet. Add the first one with the form above.</p>}
        {projects.length > 0 && (
          <ul className="project-list">
            {projects.map((p) => (
              <ProjectItem key={p.id} project={p} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
