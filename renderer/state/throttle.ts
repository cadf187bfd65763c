export interface Throttled {
  /** Runs now if the last run is `waitMs` old, otherwise once when it will be; extra calls meanwhile fold into that one. */
  call(): void;
  cancel(): void;
}

/**
 * Leading and trailing throttle: the first change after a quiet spell shows at once, a burst of
 * changes costs at most one run per `waitMs`, and the last change of a burst is never dropped.
 */
export function throttle(fn: () => void, waitMs: number, clock: () => number = Date.now): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = clock();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = last + waitMs - clock();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
