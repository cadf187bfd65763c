import { useEffect, useRef } from 'react';
import type { Project } from '../../../preload/contract.ts';
import { TextField } from '../../components/TextField.tsx';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { draftOf } from './project-draft.ts';
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
      {form.formError && (
        <p className="field-error" role="alert">
          {form.formError}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={form.draft.name} onChange={form.change('name')} error={form.errors.name} />
        <TextField label="Repository path" value={form.draft.repoPath} onChange={form.change('repoPath')} error={form.errors.repoPath} />
      </div>
      <TextField label="Notes" multiline value={form.draft.notes} onChange={form.change('notes')} error={form.errors.notes} />
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
