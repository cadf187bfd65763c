import { useSyncExternalStore } from 'react';
import { clockNow, subscribeClock } from '../state/clock.ts';

/** The current time, refreshed every second while the component is mounted. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, clockNow);
}
