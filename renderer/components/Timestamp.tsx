import { formatAt, formatRelative, isoOf, isStale } from '../format/time.ts';
import { useNow } from './use-now.ts';

interface Props {
  /** ms since the epoch; null when there is no such time yet. */
  at: number | null;
  /** Shown when `at` is null. */
  missing?: string;
  /** Mark the time "stale" once it is older than this many seconds. */
  staleAfterSeconds?: number | undefined;
  /** A time ahead (a next run) may be in the future; a measurement never is, whatever the clocks say. */
  future?: boolean;
}

/** A time as "12 s ago", with the exact local time in the tooltip and in <time dateTime>. */
export function Timestamp({ at, missing = 'never', staleAfterSeconds, future = false }: Props) {
  const now = useNow();
  if (at === null) return <span className="muted">{missing}</span>;
  const stale = staleAfterSeconds !== undefined && isStale(at, now, staleAfterSeconds);
  return (
    <span className="timestamp">
      <time dateTime={isoOf(at)} title={formatAt(at)}>
        {future && at < now ? `due ${formatRelative(at, now)}` : formatRelative(future ? at : Math.min(at, now), now)}
      </time>
      {stale && <StaleTag staleAfterSeconds={staleAfterSeconds} />}
    </span>
  );
}

export function StaleTag({ staleAfterSeconds }: { staleAfterSeconds: number }) {
  return (
    <span className="stale-tag" title={`Measured more than ${staleAfterSeconds} s ago: it may no longer be true`}>
      stale
    </span>
  );
}
