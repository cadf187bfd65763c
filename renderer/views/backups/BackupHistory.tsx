import { useState } from 'react';
import type { DbBackup } from '../../../preload/schemas/backups.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { formatBytes } from '../../format/bytes.ts';
import { formatDuration } from '../../format/time.ts';
import { useBackupsStore } from '../../state/stores-context.tsx';

const totalRows = (b: DbBackup) => (b.verification ? Object.values(b.verification.rowCounts).reduce((a, c) => a + c, 0) : 0);

const COLUMNS: readonly Column<DbBackup>[] = [
  {
    key: 'taken',
    header: 'Taken',
    render: (b) => (
      <>
        <Timestamp at={b.startedAt} />
        <span className="sub">{b.trigger === 'schedule' ? 'scheduled' : 'by hand'}</span>
      </>
    ),
  },
  {
    key: 'file',
    header: 'File',
    rowHeader: true,
    className: 'message',
    render: (b) => (
      <>
        {b.name}
        {b.removedAt !== null && <span className="sub">removed by retention</span>}
      </>
    ),
  },
  { key: 'size', header: 'Size', numeric: true, render: (b) => formatBytes(b.sizeBytes) },
  { key: 'took', header: 'Took', numeric: true, render: (b) => (b.durationMs === null ? <span className="muted">unknown</span> : formatDuration(b.durationMs)) },
  {
    key: 'verification',
    header: 'Verification',
    render: (b) =>
      b.status === 'failed' ? (
        <span className="text-danger">failed: {b.error}</span>
      ) : (
        <span title={b.verification ? Object.entries(b.verification.rowCounts).map(([t, n]) => `${t}: ${n}`).join('\n') : ''}>
          <span className="badge status-up">integrity {b.verification?.integrity}</span> {totalRows(b)} rows, schema {b.verification?.schemaVersion}
          {b.sha256 && <span className="sub code">sha256 {b.sha256.slice(0, 16)}…</span>}
        </span>
      ),
  },
  { key: 'actions', header: 'Actions', render: (b) => b.status === 'ok' && b.removedAt === null && <RestoreButton backup={b} /> },
];

/** Every backup of the console's database: size, duration, verification, and restore. */
export function BackupHistory({ backups }: { backups: readonly DbBackup[] }) {
  return <DataTable columns={COLUMNS} rows={backups} rowKey={(b) => b.id} label="Backup history" scrollClassName="table-scroll" empty="No backups yet." />;
}

function RestoreButton({ backup }: { backup: DbBackup }) {
  const restore = useBackupsStore((s) => s.restore);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState('');
  const action = useConfirmedAction(async () => {
    setMessage(await restore(backup.id, typed));
  });
  // The dialog's job ends when the restore is staged; the outcome stays beside the button.
  const open = action.confirming && message === '';
  return (
    <>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setMessage('');
          setTyped('');
          action.ask();
        }}
      >
        Restore…
      </button>
      {message && (
        <p role="status" className="form-status">
          {message}
        </p>
      )}
      {open && (
        <ConfirmDialog title={`Restore ${backup.name}?`} confirmLabel="Restore this backup" {...action.dialog}>
          <p>
            Everything recorded after this backup was taken is replaced. The backup is checked first (integrity_check, schema, row counts);
            the current database is kept beside it, and the swap happens when Photon Console next starts.
          </p>
          <TextField label={`Type the file name ${backup.name} to confirm`} value={typed} onChange={setTyped} />
        </ConfirmDialog>
      )}
    </>
  );
}
