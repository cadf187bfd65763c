import type { ReactNode } from 'react';
import type { RunSummary } from '../../../preload/schemas/recovery.ts';
import { Timestamp } from '../../components/Timestamp.tsx';
import { formatDuration } from '../../format/time.ts';
import { recoveryText, runStatusClass, runStatusText } from './run-labels.ts';

export function RunStatusBadge({ status }: { status: RunSummary['status'] }) {
  return <span className={`badge ${runStatusClass(status)}`}>{runStatusText(status)}</span>;
}

/** What the core recorded about a run: status, exit code, duration, output digest and whether the host recovered. */
export function RunFacts({ run, children }: { run: RunSummary; children?: ReactNode }) {
  return (
    <dl className="facts run-facts">
      <dt>Status</dt>
      <dd>
        <RunStatusBadge status={run.status} />
        {run.error && <span className="text-danger"> {run.error}</span>}
      </dd>
      <dt>Started</dt>
      <dd>
        <Timestamp at={run.startedAt} />
      </dd>
      <dt>Exit code</dt>
      <dd>{run.exitCode === null ? <span className="muted">{run.status === 'running' ? 'still running' : 'none'}</span> : run.exitCode}</dd>
      <dt>Duration</dt>
      <dd>{run.durationMs === null ? <span className="muted">{run.status === 'running' ? 'still running' : 'unknown'}</span> : formatDuration(run.durationMs)}</dd>
      <dt>Recovery</dt>
      <dd>
        <span className={run.recovered === true ? 'badge status-up' : run.recovered === false ? 'badge status-down' : 'badge status-unknown'}>{recoveryText(run).toUpperCase()}</span>
        {run.verification && <span className="verification"> {run.verification}</span>}
      </dd>
      <dt>Output</dt>
      <dd>
        {run.outputSha256 === null ? (
          <span className="muted">{run.status === 'running' ? 'digest when finished' : 'no digest'}</span>
        ) : (
          <>
            {run.outputBytes} bytes, SHA-256 <code className="digest">{run.outputSha256}</code>
          </>
        )}
      </dd>
      {children}
    </dl>
  );
}
