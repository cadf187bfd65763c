import { useEffect, useId, useRef, useState } from 'react';
import type { Project } from '../../../preload/contract.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { formatTime } from '../../format/time.ts';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { EditProjectForm } from './EditProjectForm.tsx';

export function ProjectItem({ project }: { project: Project }) {
  const remove = useProjectsStore((s) => s.remove);
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Closing the edit form removes the focused element; the Edit button is where the operator was.
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);

  // On success the projectsChanged event removes this item, dialog and all.
  const removal = useConfirmedAction(() => remove(project.id));

  return (
    <li>
      <article className="card project" aria-labelledby={titleId}>
        <div className="project-head">
          <h3 id={titleId}>{project.name}</h3>
          {!editing && (
            <div className="actions">
              <button type="button" ref={editButton} onClick={() => setEditing(true)}>
                Edit<span className="visually-hidden"> {project.name}</span>
              </button>
              <button type="button" className="danger-quiet" onClick={removal.ask}>
                Remove<span className="visually-hidden"> {project.name}</span>
              </button>
            </div>
          )}
        </div>
        {editing ? (
          <EditProjectForm
            project={project}
            onDone={() => {
              returnFocus.current = true;
              setEditing(false);
            }}
          />
        ) : (
          <dl className="project-meta">
            <dt>Repository</dt>
            <dd>{project.repoPath ? <code>{project.repoPath}</code> : <span className="muted">Not set</span>}</dd>
            <dt>Notes</dt>
            <dd className="notes">{project.notes ? project.notes : <span className="muted">None</span>}</dd>
            <dt>Created</dt>
            <dd>
              <time dateTime={project.createdAt}>{formatTime(project.createdAt)}</time>
            </dd>
            <dt>Updated</dt>
            <dd>
              <time dateTime={project.updatedAt}>{formatTime(project.updatedAt)}</time>
            </dd>
          </dl>
        )}
      </article>
      {removal.confirming && (
        <ConfirmDialog title={`Remove “${project.name}”?`} confirmLabel="Remove project" {...removal.dialog}>
          <p>Photon Console will forget this project and its notes. Nothing in its repository is touched.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
