import { useState } from 'react';
import { useAsyncAction } from './use-async-action.ts';

/**
 * State for an action behind a ConfirmDialog: `ask` opens the dialog; confirming runs `action`
 * while the dialog shows it busy. A failure stays in the dialog as its error, ready to retry. On
 * success the dialog stays busy: whatever the action changed (an event, a navigation) removes it.
 */
export function useConfirmedAction(action: () => Promise<void>) {
  const [confirming, setConfirming] = useState(false);
  const { run, busy, error, clearError } = useAsyncAction(action, { staysBusyOnSuccess: true });

  return {
    confirming,
    ask: () => {
      clearError();
      setConfirming(true);
    },
    /** The ConfirmDialog props this state decides. */
    dialog: {
      busy,
      error,
      onCancel: () => setConfirming(false),
      onConfirm: () => void run(),
    },
  };
}
