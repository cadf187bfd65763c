import { memo } from 'react';
import type { MonitorSummary } from '../../../preload/contract.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatLatency } from '../../format/numbers.ts';
import { formatAt } from '../../format/time.ts';
import { sourceText } from './monitor-labels.ts';
import { monitorHref } from './monitor-route.ts';
import { Sparkline } from './Sparkline.tsx';

interface Props {
  monitor: MonitorSummary;
  /** Name of the parent this monitor is blocked by, when it is. */
  blockedByName: string | null;
  staleAfterSeconds: number | undefined;
}

/** One row of the monitor table. Memoised: a batch of results re-renders only the rows it changed. */
export const MonitorCells = memo(function MonitorCells({ monitor: m, blockedByName, staleAfterSeconds }: Props) {
  const source = sourceText(m.source);
  return (
    <>
      <div role="cell" className="cell-status">
        <StatusBadge status={m.status} />
        {m.paused ? (
          <span className="sub paused-tag">paused</span>
        ) : m.blockedBy !== null ? (
          <span className="sub" title="Its parent monitor is failing, so this one's failures are not counted">
            blocked by {blockedByName ?? `monitor ${m.blockedBy}`}
          </span>
        ) : null}
      </div>
      <div role="cell">
        <a href={monitorHref(m.id)} className="line" title={m.name}>
          {m.name}
        </a>
        <span className="sub">
          {m.kind} · <span title={source.title}>{source.text}</span>
        </span>
      </div>
      <div role="cell">
        <span className="line" title={m.target}>
          {m.target}
        </span>
        <span className="sub" title={m.reason}>
          {m.reason}
        </span>
      </div>
      <div role="cell" className="cell-number">
        <span className="line" title={m.lastCheckedAt === null ? 'Not measured yet' : `Measured ${formatAt(m.lastCheckedAt)}`}>
          {formatLatency(m.lastLatencyMs)}
        </span>
      </div>
      <div role="cell">
        <span className="line">
          <Timestamp at={m.lastCheckedAt} staleAfterSeconds={staleAfterSeconds} />
        </span>
      </div>
      <div role="cell">
        <Sparkline last24h={m.last24h} />
      </div>
    </>
  );
});

export function MonitorHeaderCells() {
  return (
    <>
      <div role="columnheader">Status</div>
      <div role="columnheader">Monitor</div>
      <div role="columnheader">Target and reason</div>
      <div role="columnheader" className="cell-number">
        Latency
      </div>
      <div role="columnheader">Last checked</div>
      <div role="columnheader">Last 24 h</div>
    </>
  );
}
