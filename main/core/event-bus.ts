import { EventEmitter } from 'node:events';
import { events, type EventName, type EventPayload } from '../../preload/contract.ts';
import { contractChecksEnabled, shapeProblem } from './contract-checks.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Typed fan-out of core events to every transport (IPC windows, SSE clients). */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly checkPayloads: boolean;

  /** `checkPayloads`: check every payload against the event's schema (see contract-checks.ts); from the environment by default. */
  constructor({ checkPayloads = contractChecksEnabled() }: { checkPayloads?: boolean } = {}) {
    this.checkPayloads = checkPayloads;
    // One listener per open window or SSE client; many clients are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (this.checkPayloads) {
      // Thrown at the emitter, before anyone hears it: a handler that emits then fails with INTERNAL.
      const problem = shapeProblem(events[event], payload);
      if (problem !== null) throw new Error(`The ${event} event does not match its contract: ${problem}`);
    }
    this.emitter.emit('event', event, payload);
  }

  /** Open subscriptions (windows, SSE clients, the core's own): a leak shows here. */
  get subscribers(): number {
    return this.emitter.listenerCount('event');
  }

  onAny(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
