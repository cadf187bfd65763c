import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../preload/contract.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Typed fan-out of core events to every transport (IPC windows, SSE clients). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open window or SSE client; many clients are normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
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
