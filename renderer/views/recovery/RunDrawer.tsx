import { useEffect, useId, useRef, useState } from 'react';
import type { RunDetail } from '../../../preload/schemas/recovery.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { formatAt } from '../../format/time.ts';
import { useRunsStore } from '../../state/stores-context.tsx';
import { RunFacts } from './RunOutcome.tsx';
import { triggerText } from './run-labels.ts';

type Loaded = { status: 'loading' } | { status: 'ready'; run: RunDetail } | { status: 'failed'; error: ApiError };

/**
 * One audit record as the core stored it: parameters, the commands, the output and its digest. It is
 * read again when the run's status changes, so a run that finishes while open shows its final record.
 */
export function RunDrawer({ runId, onClose }: { runId: number; onClose(): void }) {
  const loadRun = useRunsStore((s) => s.loadRun);
  const liveStatus = useRunsStore((s) => s.known.get(runId)?.status ?? s.runs.find((r) => r.id === runId)?.status);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    close.current?.focus();
    return () => {
      if (el?.open) el.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  useEffect(() => {
    let current = true;
    loadRun(runId).then(
      (run) => current && setLoaded({ status: 'ready', run }),
      (err: unknown) => current && setLoaded({ status: 'failed', error: toApiError(err) }),
    );
    return () => {
      current = false;
    };
  }, [loadRun, runId, liveStatus, attempt]);

  const run = loaded.status === 'ready' ? loaded.run : null;
  return (
    <dialog
      ref={dialog}
      className="dialog drawer"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="title-row">
        <h2 id={titleId}>{run ? `Run ${run.id}: ${run.runbook} on ${run.host}` : `Run ${runId}`}</h2>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
      {loaded.status === 'loading' && <p className="muted">Loading the record…</p>}
      {loaded.status === 'failed' && <ErrorBanner title="Could not read this run" error={loaded.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {run && (
        <>
          <RunFacts run={run}>
            <dt>Trigger</dt>
            <dd>{triggerText(run.trigger)}</dd>
            <dt>Finished</dt>
            <dd>{run.finishedAt === null ? <span className="muted">not yet</span> : formatAt(run.finishedAt)}</dd>
            <dt>Parameters</dt>
            <dd>
              {Object.keys(run.params).length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul className="plain-list">
                  {Object.entries(run.params).map(([k, v]) => (
                    <li key={k}>
                      <code>
                        {k} = {JSON.stringify(v)}
                      </code>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </RunFacts>
          <h3>Commands</h3>
          <ol className="plan-steps compact">
            {run.commands.map((c) => (
              <li key={c.step}>
                <span className="plan-title">{c.title}</span> <code>{c.display}</code>
              </li>
            ))}
          </ol>
          <h3>Stored output</h3>
          {run.outputTruncated && <p className="field-hint">Only the start of the output is stored; the digest covers all {run.outputBytes} bytes.</p>}
          <pre className="run-output stored-output" tabIndex={0} aria-label={`Stored output of run ${run.id}`}>
            {run.output === '' ? <span className="muted">(no output)</span> : run.output}
          </pre>
        </>
      )}
    </dialog>
  );
}
