import { useId } from 'react';

export interface FieldIds {
  /** For the control and its <label htmlFor>. */
  id: string;
  errorId: string;
  hintId: string;
  /** The error and hint shown, for the control's aria-describedby; undefined when neither is. */
  describedBy: string | undefined;
}

/** Ids that tie a field's control to its error and hint for assistive technology. */
export function useFieldIds(error: string | undefined, hint: string | undefined): FieldIds {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return { id, errorId, hintId, describedBy };
}

/** A field's error, then its hint, right under the control, each under the id useFieldIds gave it. */
export function FieldMessages({ ids, error, hint }: { ids: FieldIds; error: string | undefined; hint: string | undefined }) {
  return (
    <>
      {error && (
        <p className="field-error" id={ids.errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={ids.hintId}>
          {hint}
        </p>
      )}
    </>
  );
}
