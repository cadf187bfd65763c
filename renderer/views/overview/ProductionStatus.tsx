import type { Overview } from '../../../preload/contract.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatAt, isoOf } from '../../format/time.ts';

interface Props {
  production: Overview['production'];
  staleAfterSeconds: number | undefined;
}

/** The production VM's state as last measured, with when, and when it was last seen healthy. */
export function ProductionStatus({ production: p, staleAfterSeconds }: Props) {
  return (
    <div className="production">
      <p className="production-status">
        <span className="muted">Current production status</span> <StatusBadge status={p.status} /> <span className="production-detail">{p.detail}</span>
      </p>
      <dl className="facts">
        <dt>Measured</dt>
        <dd>
          {p.measuredAt === null ? (
            <span className="muted">not measured yet</span>
          ) : (
            <>
              <time dateTime={isoOf(p.measuredAt)}>{formatAt(p.measuredAt)}</time> (<Timestamp at={p.measuredAt} staleAfterSeconds={staleAfterSeconds} />)
            </>
          )}
        </dd>
        <dt>Last known good</dt>
        <dd>
          {p.lastKnownGoodAt === null ? (
            <span className="muted">never seen healthy</span>
          ) : (
            <>
              <time dateTime={isoOf(p.lastKnownGoodAt)}>{formatAt(p.lastKnownGoodAt)}</time> (<Timestamp at={p.lastKnownGoodAt} />)
            </>
          )}
        </dd>
      </dl>
    </div>
  );
}
