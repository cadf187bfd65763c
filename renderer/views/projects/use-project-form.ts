import { useState, type FormEvent, type RefObject } from 'react';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { checkDraft, hasErrors, placeError, type DraftField, type ProjectDraft } from './project-draft.ts';

/**
 * State shared by the add and edit forms: the draft, errors placed by field, a busy flag, and a
 * submit that checks locally, calls `save`, and maps a refusal from the core back onto the fields.
 */
export function useProjectForm(
  formRef: RefObject<HTMLFormElement | null>,
  initial: ProjectDraft,
  save: (draft: ProjectDraft) => Promise<void>,
) {
  const [draft, setDraft] = useState(initial);
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<DraftField>(formRef);

  const change = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clearError(field);
  };

  const submit = async (event: FormEvent): Promise<boolean> => {
    event.preventDefault();
    if (busy) return false;
    const local = checkDraft(draft);
    if (hasErrors(local)) {
      fail(local, null);
      return false;
    }
    return attempt(() => save(draft), placeError);
  };

  return { draft, setDraft, errors, formError, busy, change, submit };
}
