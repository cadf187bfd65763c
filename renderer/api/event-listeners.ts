import type { EventName } from '../../preload/contract.ts';
import type { EventListener } from './types.ts';

/** Fans events from one HTTP stream out to any number of subscribers. */
export class EventListeners {
  private readonly byEvent = new Map<string, Set<(payload: unknown) => void>>();

  add<E extends EventName>(event: E, listener: EventListener<E>): () => void {
    const set = this.byEvent.get(event) ?? new Set();
    this.byEvent.set(event, set);
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  /**
   * Names outside the contract find no listener (add() takes contract names only), so they are
   * dropped: a newer server may announce events this build does not know.
   */
  emit(name: string, payload: unknown): void {
    for (const listener of [...(this.byEvent.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        // One broken subscriber must not starve the others of the update.
        console.error(`A ${name} listener failed`, err);
      }
    }
  }
}
