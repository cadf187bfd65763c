import { useState, type RefObject } from 'react';
import type { ApiError } from '../api/client.ts';
import { useAsyncAction } from './use-async-action.ts';
import { useFocusFirstInvalid } from './use-focus-first-invalid.ts';

export type FieldErrorsOf<F extends string> = Partial<Record<F, string>>;

/** Where a refusal belongs: under fields, or (null: nowhere) at the top of the form. */
export interface PlacedError<F extends string> {
  fields: FieldErrorsOf<F>;
  form: string | null;
}

/**
 * What every editing form keeps besides its values: errors by field and one for the whole form, a
 * busy flag while saving, and after each failure the cursor in the first field that needs fixing
 * (`invalid`: the selector of what needs fixing, when more than a field can).
 */
export function useFormErrors<F extends string>(formRef: RefObject<HTMLFormElement | null>, invalid?: string) {
  const [errors, setErrors] = useState<FieldErrorsOf<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [failures, setFailures] = useState(0);
  const saving = useAsyncAction((job: () => Promise<void>) => job());
  useFocusFirstInvalid(formRef, failures, invalid);

  const fail = (fields: FieldErrorsOf<F>, form: string | null) => {
    setErrors(fields);
    setFormError(form);
    setFailures((n) => n + 1);
  };

  /** For a changed field: the message described the old value; keeping it while the operator fixes it is just noise. */
  const clearError = (field: F) => setErrors(({ [field]: _gone, ...rest }) => rest as FieldErrorsOf<F>);

  /**
   * Runs `save` while busy. Success clears every message, then hands the result to `saved`; a
   * refusal goes where `place` puts it. Resolves to whether it saved.
   */
  const attempt = async <T>(save: () => Promise<T>, place: (err: ApiError) => PlacedError<F>, saved: (result: T) => void = () => {}): Promise<boolean> => {
    const outcome = await saving.run(async () => {
      const result = await save();
      setErrors({});
      setFormError(null);
      saved(result);
    });
    if (outcome.ok) return true;
    const placed = place(outcome.error);
    fail(placed.fields, placed.form);
    return false;
  };

  return { errors, formError, busy: saving.busy, fail, clearError, attempt };
}
