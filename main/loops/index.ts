import { CONFIG } from '../core/config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { throttle } from '../core/throttle.ts';
import { loopHandlers } from './handlers.ts';
import { LoopRegistry } from './loop-registry.ts';

export { LoopRegistry, startIntervalLoop } from './loop-registry.ts';
export type { LoopReporter } from './loop-registry.ts';

/** The loop registry every capability registers its loops in; health changes are announced a few times a minute. */
export function createLoops(deps: { events: EventBus }) {
  const service = new LoopRegistry();
  const announce = throttle(() => deps.events.emit('loopsChanged', { loops: service.list() }), CONFIG.events.loopsEveryMs);
  service.onChange(announce.call);
  return { service, handlers: loopHandlers(service), stop: () => announce.cancel() };
}
