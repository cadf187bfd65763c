import { useState } from 'react';
import { useAsyncAction } from './use-async-action.ts';

/**
 * What a small add-or-save form keeps besides its values: the refusal under the field the core
 * named ("form" when it named none), a status line after a save, and busy while saving.
 */
export function useSimpleSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const saving = useAsyncAction(async (save: () => Promise<string>) => setStatus(await save()));

  /** Runs `save`; what it resolves to becomes the status line. */
  const submit = async (save: () => Promise<string>) => {
    setErrors({});
    setStatus('');
    const outcome = await saving.run(save);
    if (!outcome.ok) setErrors({ [outcome.error.field ?? 'form']: outcome.error.message });
  };

  return { errors, status, busy: saving.busy, submit };
}
