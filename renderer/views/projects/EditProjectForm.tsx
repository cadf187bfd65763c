import { useEffect, useRef } from 'react';
import type { Project } from '../../../preload/contract.ts';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { draftOf } from './project-draft.ts';
import { ProjectFields } from './ProjectFields.tsx';
import { useProjectForm } from './use-project-form.ts';

interface Props {
  project: Project;
  onDone(): void;
}

/** Rename and edit path and notes in place; the item shows the new values once projectsChanged arrives. */
export function EditProjectForm({ project, onDone }: Props) {
  const update = useProjectsStore((s) => s.update);
  const formRef = useRef<HTMLFormElement>(null);
  // The Edit button that had focus is gone now; the name is what is most often changed.
  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);
  const form = useProjectForm(formRef, draftOf(project), (d) =>
    update({ id: project.id, name: d.name.trim(), repoPath: d.repoPath.trim() || null, notes: d.notes }),
  );

  return (
    <form
      ref={formRef}
      className="edit-form"
      aria-label={`Edit ${project.name}`}
      noValidate
      onSubmit={(e) => void form.submit(e).then((ok) => ok && onDone())}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !form.busy) onDone();
      }}
    >
      <ProjectFields form={form} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" onClick={onDone} disabled={form.busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
