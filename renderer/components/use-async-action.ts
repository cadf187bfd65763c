import { useEffect, useRef, useState } from 'react';
import { runAction, type ActionOptions, type ActionOutcome } from './async-action.ts';

export type { ActionOutcome } from './async-action.ts';

/**
 * A button's call to the core: `busy` while it runs, `error` (the core's message) after a failure,
 * cleared when it runs again or by `clearError`. `run` resolves to the outcome and never rejects.
 * A result that arrives after the component is gone is ignored.
 */
export function useAsyncAction<A extends unknown[], R>(action: (...args: A) => Promise<R>, options: ActionOptions = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = (...args: A): Promise<ActionOutcome<R>> => runAction(() => action(...args), { setBusy, setError, isMounted: () => mounted.current }, options);

  return { run, busy, error, clearError: () => setError(null) };
}
