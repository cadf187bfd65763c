import { useState } from 'react';
import { toApiError } from '../api/client.ts';

/**
 * State for an action behind a ConfirmDialog: `ask` opens the dialog; confirming runs `action`
 * while the dialog shows it busy. A failure stays in the dialog as its error, ready to retry. On
 * success the dialog stays busy: whatever the action changed (an event, a navigation) removes it.
 */
export function useConfirmedAction(action: () => Promise<void>) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(toApiError(err).message);
      setBusy(false);
    }
  };

  return {
    confirming,
    ask: () => {
      setError(null);
      setConfirming(true);
    },
    /** The ConfirmDialog props this state decides. */
    dialog: {
      busy,
      error,
      onCancel: () => setConfirming(false),
      onConfirm: () => void confirm(),
    },
  };
}
