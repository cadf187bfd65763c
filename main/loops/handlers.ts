import type { Handlers } from '../api/dispatcher.ts';
import type { LoopRegistry } from './loop-registry.ts';

export function loopHandlers(loops: LoopRegistry) {
  return { listLoops: () => loops.list() } satisfies Partial<Handlers>;
}
