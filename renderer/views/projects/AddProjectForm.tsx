import { useId, useRef, useState } from 'react';
import { TextField } from '../../components/TextField.tsx';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { EMPTY_DRAFT } from './project-draft.ts';
import { useProjectForm } from './use-project-form.ts';

export function AddProjectForm() {
  const add = useProjectsStore((s) => s.add);
  const titleId = useId();
  const [status, setStatus] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const form = useProjectForm(formRef, EMPTY_DRAFT, (d) =>
    add({
      name: d.name.trim(),
      ...(d.repoPath.trim() ? { repoPath: d.repoPath.trim() } : {}),
      ...(d.notes.trim() ? { notes: d.notes } : {}),
    }),
  );

  return (
    <form
      ref={formRef}
      className="card"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        setStatus('');
        const name = form.draft.name.trim();
        void form.submit(e).then((ok) => {
          if (!ok) return;
          form.setDraft(EMPTY_DRAFT);
          setStatus(`Added “${name}”.`);
        });
      }}
    >
      <h2 id={titleId}>Add a project</h2>
      {form.formError && (
        <p className="field-error" role="alert">
          {form.formError}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={form.draft.name} onChange={form.change('name')} error={form.errors.name} />
        <TextField
          label="Repository path"
          value={form.draft.repoPath}
          onChange={form.change('repoPath')}
          error={form.errors.repoPath}
          hint="Optional. A local folder or clone URL."
        />
      </div>
      <TextField label="Notes" multiline value={form.draft.notes} onChange={form.change('notes')} error={form.errors.notes} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? 'Adding…' : 'Add project'}
        </button>
        <p className="form-status" role="status">
          {status}
        </p>
      </div>
    </form>
  );
}
