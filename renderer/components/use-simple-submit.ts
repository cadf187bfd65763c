import { useState } from 'react';
import { toApiError } from '../api/client.ts';

/**
 * What a small add-or-save form keeps besides its values: the refusal under the field the core
 * named ("form" when it named none), a status line after a save, and busy while saving.
 */
export function useSimpleSubmit() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  /** Runs `save`; what it resolves to becomes the status line. */
  const submit = async (save: () => Promise<string>) => {
    setBusy(true);
    setErrors({});
    setStatus('');
    try {
      setStatus(await save());
    } catch (err) {
      const e = toApiError(err);
      setErrors({ [e.field ?? 'form']: e.message });
    } finally {
      setBusy(false);
    }
  };

  return { errors, status, busy, submit };
}
