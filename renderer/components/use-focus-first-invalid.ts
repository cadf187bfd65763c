import { useEffect, type RefObject } from 'react';

/**
 * After each failed submit (`failures` goes up), puts the cursor in the first field that needs
 * fixing. Keyed on the count rather than the errors so that clearing one error while typing does not
 * yank focus to another field. `invalid` is the selector of what needs fixing.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, failures: number, invalid = INVALID_FIELD): void {
  useEffect(() => {
    if (failures > 0) form.current?.querySelector<HTMLElement>(invalid)?.focus();
  }, [form, failures, invalid]);
}

export const INVALID_FIELD = '[aria-invalid="true"]';
