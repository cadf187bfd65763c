/** Calls fn at most once per intervalMs, trailing: the last call in a burst is never lost. */
export function throttle(fn: () => void, intervalMs: number): { call: () => void; cancel: () => void } {
  let timer: NodeJS.Timeout | null = null;
  return {
    call: () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, intervalMs);
      timer.unref?.();
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
