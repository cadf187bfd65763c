import { useState } from 'react';
import type { BackupActivity, BackupStatus } from '../../../preload/schemas/backups.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { SubmitRow } from '../../components/SubmitRow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { useSimpleSubmit } from '../../components/use-simple-submit.ts';
import { formatBytes } from '../../format/bytes.ts';
import { useBackupsStore } from '../../state/stores-context.tsx';
import { BackupHistory } from './BackupHistory.tsx';
import { RemoteBackups } from './RemoteBackups.tsx';

export function BackupsView() {
  const backups = useBackupsStore((s) => s.backups);
  const error = useBackupsStore((s) => s.error);
  const reload = useBackupsStore((s) => s.reload);
  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <h1 id="view-title">Backups</h1>
      {error && <ErrorBanner title="Could not read the backups" error={error} onRetry={() => void reload()} />}
      {!backups && !error && <p className="muted">Loading backups…</p>}
      {backups && <Loaded status={backups} />}
    </section>
  );
}

function Loaded({ status }: { status: BackupStatus }) {
  const running = useBackupsStore((s) => s.running);
  const runNow = useBackupsStore((s) => s.runNow);
  const cancelRestore = useBackupsStore((s) => s.cancelRestore);
  const backingUp = useAsyncAction(runNow);
  const [message, setMessage] = useState('');
  const backUp = async () => {
    setMessage('');
    const outcome = await backingUp.run();
    if (outcome.ok) setMessage(outcome.value.status === 'ok' ? `Backed up to ${outcome.value.name}.` : `The backup failed: ${outcome.value.error}`);
    else setMessage(outcome.error.message);
  };
  const e = status.evidence;
  return (
    <>
      {status.pendingRestore && (
        <div className="banner banner-warning" role="alert">
          <p className="banner-title">A restore is staged</p>
          <p>The verified backup replaces the database when Photon Console next starts; the current database will be kept beside it.</p>
          <button type="button" onClick={() => void cancelRestore()}>
            Cancel the restore
          </button>
        </div>
      )}
      <section className="card" aria-labelledby="db-title">
        <h2 id="db-title">The console's own database</h2>
        <p>
          <StatusBadge status={e.status} /> {e.detail}{' '}
          <span className="muted">
            (warn after {e.warnAfterMs / 3_600_000} h, fail after {e.failAfterMs / 3_600_000} h; measured <Timestamp at={e.measuredAt} />)
          </span>
        </p>
        <p className="muted">
          Online backups with SQLite's backup API into <span className="code">{status.folder}</span>, each checked with integrity_check and
          row counts before it counts.
        </p>
        <Progress running={running} />
        <div className="actions">
          <button type="button" className="primary" disabled={backingUp.busy} onClick={() => void backUp()}>
            {backingUp.busy ? 'Backing up…' : 'Back up now'}
          </button>
          {message && (
            <p className="form-status" role="status">
              {message}
            </p>
          )}
        </div>
        <ScheduleForm key={JSON.stringify(status.config)} config={status.config} />
        <h3>History</h3>
        <BackupHistory backups={status.backups} />
      </section>
      <RemoteBackups targets={status.remoteTargets} runs={status.remoteRuns} />
    </>
  );
}

function Progress({ running }: { running: readonly BackupActivity[] }) {
  if (running.length === 0) return null;
  return (
    <ul className="progress-list" aria-label="Backups in progress">
      {running.map((r) => (
        <li key={`${r.kind}:${r.targetId}`}>
          <label>
            {r.label}: {r.unit === 'bytes' ? formatBytes(r.done) : `${r.done} pages`}
            {r.total !== null && ` of ${r.unit === 'bytes' ? formatBytes(r.total) : `${r.total} pages`}`}
            <progress max={r.total ?? undefined} value={r.total === null ? undefined : r.done} />
          </label>
        </li>
      ))}
    </ul>
  );
}

function ScheduleForm({ config }: { config: BackupStatus['config'] }) {
  const updateConfig = useBackupsStore((s) => s.updateConfig);
  const [enabled, setEnabled] = useState(config.enabled);
  const [every, setEvery] = useState(String(config.everyHours));
  const [daily, setDaily] = useState(String(config.keepDaily));
  const [weekly, setWeekly] = useState(String(config.keepWeekly));
  const { errors, status, submit } = useSimpleSubmit();
  const save = async () => {
    await updateConfig({ enabled, everyHours: Number(every), keepDaily: Number(daily), keepWeekly: Number(weekly) });
    return 'Saved.';
  };
  return (
    <form
      className="edit-form"
      aria-label="Backup schedule"
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit(save);
      }}
    >
      <h3>Schedule and retention</h3>
      <CheckboxField label="Back up on a schedule" checked={enabled} onChange={setEnabled} />
      <div className="field-row">
        <TextField label="Every (hours)" type="number" value={every} onChange={setEvery} error={errors.everyHours} />
        <TextField label="Keep daily" type="number" value={daily} onChange={setDaily} error={errors.keepDaily} hint="newest backup of each of the last N days" />
        <TextField label="Keep weekly" type="number" value={weekly} onChange={setWeekly} error={errors.keepWeekly} hint="newest of each of the last M ISO weeks" />
      </div>
      {errors.form && <p className="text-danger">{errors.form}</p>}
      <SubmitRow status={status}>
        <button type="submit">Save schedule</button>
      </SubmitRow>
    </form>
  );
}
