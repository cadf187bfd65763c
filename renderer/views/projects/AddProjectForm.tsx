import { useId, useRef, useState } from 'react';
import { useProjectsStore } from '../../state/stores-context.tsx';
import { EMPTY_DRAFT } from './project-draft.ts';
import { ProjectFields } from './ProjectFields.tsx';
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
      <ProjectFields form={form} repoPathHint="Optional. A local folder or clone URL." />
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
