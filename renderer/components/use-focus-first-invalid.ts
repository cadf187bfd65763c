import { useEffect, type RefObject } from 'react';

/**
 * After each failed submit (`failures` goes up), puts the cursor in the first field that needs
 * fixing. Keyed on the count rather than the errors so that clearing one error while typing does not
 * yank focus to another field.
 */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, failures: number): void {
  useEffect(() => {
    if (failures > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, failures]);
}
