import { useState, type FormEvent, type RefObject } from 'react';
import { toApiError } from '../../api/client.ts';
import { useFocusFirstInvalid } from '../../components/use-focus-first-invalid.ts';
import { checkDraft, hasErrors, placeError, type DraftField, type FieldErrors, type ProjectDraft } from './project-draft.ts';

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState(0);
  useFocusFirstInvalid(formRef, failures);

  const change = (field: DraftField) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    // The message described the old value; keeping it while the operator fixes it is just noise.
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const fail = (fields: FieldErrors, form: string | null) => {
    setErrors(fields);
    setFormError(form);
    setFailures((n) => n + 1);
  };

  const submit = async (event: FormEvent): Promise<boolean> => {
    event.preventDefault();
    if (busy) return false;
    const local = checkDraft(draft);
    if (hasErrors(local)) {
      fail(local, null);
      return false;
    }
    setBusy(true);
    try {
      await save(draft);
      setErrors({});
      setFormError(null);
      return true;
    } catch (err) {
      const placed = placeError(toApiError(err));
      fail(placed.fields, placed.form);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { draft, setDraft, errors, formError, busy, change, submit };
}
