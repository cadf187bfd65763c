import { toApiError, type ApiError } from '../api/client.ts';

/** How a call ended: its value, or the failure as the core (or the transport) described it. */
export type ActionOutcome<R> = { ok: true; value: R } | { ok: false; error: ApiError };

/** Where a running action shows itself; React state in use-async-action.ts. */
export interface ActionState {
  setBusy(busy: boolean): void;
  setError(message: string | null): void;
  /** False once the component is gone: nobody sees the outcome, so no state is set. */
  isMounted(): boolean;
}

export interface ActionOptions {
  /**
   * Stay busy after a success: whatever the action changed (an event, a navigation, the parent
   * closing a dialog) removes the component, and its buttons must not come back to life meanwhile.
   */
  staysBusyOnSuccess?: boolean;
}

/**
 * Busy while `call` runs, its failure's message kept for the view, a fresh start clearing the last
 * one. Never rejects: the outcome tells the caller what happened, for those that show it elsewhere.
 */
export async function runAction<R>(call: () => Promise<R>, state: ActionState, options: ActionOptions = {}): Promise<ActionOutcome<R>> {
  state.setBusy(true);
  state.setError(null);
  try {
    const value = await call();
    if (!options.staysBusyOnSuccess && state.isMounted()) state.setBusy(false);
    return { ok: true, value };
  } catch (err) {
    const error = toApiError(err);
    if (state.isMounted()) {
      state.setError(error.message);
      state.setBusy(false);
    }
    return { ok: false, error };
  }
}
