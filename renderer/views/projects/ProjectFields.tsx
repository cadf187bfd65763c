import { TextField } from '../../components/TextField.tsx';
import type { useProjectForm } from './use-project-form.ts';

interface Props {
  form: ReturnType<typeof useProjectForm>;
  repoPathHint?: string;
}

/** The add and edit forms' body: the form-wide error, then name, repository path and notes. */
export function ProjectFields({ form, repoPathHint }: Props) {
  return (
    <>
      {form.formError && (
        <p className="field-error" role="alert">
          {form.formError}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={form.draft.name} onChange={form.change('name')} error={form.errors.name} />
        <TextField label="Repository path" value={form.draft.repoPath} onChange={form.change('repoPath')} error={form.errors.repoPath} hint={repoPathHint} />
      </div>
      <TextField label="Notes" multiline value={form.draft.notes} onChange={form.change('notes')} error={form.errors.notes} />
    </>
  );
}
