import { useState } from 'react';
import type { RemoteRun, RemoteTarget } from '../../../preload/schemas/backups.ts';
import { CheckboxField } from '../../components/CheckboxField.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { SubmitRow } from '../../components/SubmitRow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { useSimpleSubmit } from '../../components/use-simple-submit.ts';
import { formatBytes } from '../../format/bytes.ts';
import { formatDuration } from '../../format/time.ts';
import { useBackupsStore } from '../../state/stores-context.tsx';

const TARGET_COLUMNS: readonly Column<RemoteTarget>[] = [
  {
    key: 'name',
    header: 'Name',
    rowHeader: true,
    render: (t) => (
      <>
        {t.name}
        <span className="sub">
          {t.user}@{t.host}:{t.port} → {t.localFolder}
        </span>
      </>
    ),
  },
  { key: 'source', header: 'Source', className: 'message code', render: (t) => (t.source.kind === 'file' ? t.source.path : t.source.command) },
  {
    key: 'last-good',
    header: 'Last good backup',
    render: (t) => (
      <>
        <StatusBadge status={t.evidence.status} /> {t.evidence.detail}
        <span className="sub">
          warn after {t.warnAfterHours} h, fail after {t.failAfterHours} h; measured <Timestamp at={t.evidence.measuredAt} />
        </span>
      </>
    ),
  },
];

// After the start and the target's name, which needs the targets.
const RUN_COLUMNS: readonly Column<RemoteRun>[] = [
  { key: 'size', header: 'Size', numeric: true, render: (r) => formatBytes(r.sizeBytes) },
  { key: 'took', header: 'Took', numeric: true, render: (r) => (r.durationMs === null ? 'unknown' : formatDuration(r.durationMs)) },
  {
    key: 'result',
    header: 'Result',
    className: 'message',
    render: (r) => (
      <>
        {r.status === 'ok' ? <span className="code">sha256 {r.sha256}</span> : <span className="text-danger">failed: {r.error}</span>}
        {r.removedAt !== null && <span className="sub">removed by retention</span>}
      </>
    ),
  },
];

/** Project data pulled from hosts over SSH, with the "last good backup age" check of each. */
export function RemoteBackups({ targets, runs }: { targets: readonly RemoteTarget[]; runs: readonly RemoteRun[] }) {
  const runRemote = useBackupsStore((s) => s.runRemote);
  // One error line for every row's "Pull now": the last pull's refusal.
  const pull = useAsyncAction(runRemote);
  const names = new Map(targets.map((t) => [t.id, t.name]));
  return (
    <section className="card" aria-labelledby="remote-title">
      <h2 id="remote-title">Remote backups over SSH</h2>
      <DataTable
        columns={[
          ...TARGET_COLUMNS,
          {
            key: 'actions',
            header: 'Actions',
            render: (t) => (
              <button type="button" onClick={() => void pull.run(t.id)}>
                Pull now
              </button>
            ),
          },
        ]}
        rows={targets}
        rowKey={(t) => t.id}
        label="Remote backup targets"
        empty="None configured."
      />
      {pull.error && <p className="text-danger">{pull.error}</p>}
      {runs.length > 0 && (
        <DataTable
          columns={[
            { key: 'started', header: 'Started', render: (r) => <Timestamp at={r.startedAt} /> },
            { key: 'target', header: 'Target', render: (r) => names.get(r.targetId) ?? `#${r.targetId}` },
            ...RUN_COLUMNS,
          ]}
          rows={runs}
          rowKey={(r) => r.id}
          label="Remote backup history"
        />
      )}
      <AddRemoteForm />
    </section>
  );
}

function AddRemoteForm() {
  const saveRemote = useBackupsStore((s) => s.saveRemote);
  const [f, setF] = useState({ name: '', host: '', port: '22', user: '', hostKey: '', privateKeyPath: '', useAgent: false, kind: 'file' as 'file' | 'command', path: '', command: '', everyHours: '24', warn: '26', fail: '50' });
  const { errors, status, submit } = useSimpleSubmit();
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF({ ...f, [k]: v });
  const add = async () => {
    const saved = await saveRemote({
      name: f.name,
      host: f.host,
      port: Number(f.port),
      user: f.user,
      hostKey: f.hostKey,
      ...(f.privateKeyPath.trim() && { privateKeyPath: f.privateKeyPath.trim() }),
      useAgent: f.useAgent,
      source: f.kind === 'file' ? { kind: 'file', path: f.path } : { kind: 'command', command: f.command },
      everyHours: Number(f.everyHours),
      warnAfterHours: Number(f.warn),
      failAfterHours: Number(f.fail),
    });
    return `Added "${saved.name}".`;
  };
  return (
    <details>
      <summary>Add a remote backup</summary>
      <form
        className="edit-form"
        aria-label="Add a remote backup"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(add);
        }}
      >
        <TextField label="Name" value={f.name} onChange={set('name')} error={errors.name} required />
        <div className="field-row">
          <TextField label="Host" value={f.host} onChange={set('host')} error={errors.host} required />
          <TextField label="Port" type="number" value={f.port} onChange={set('port')} error={errors.port} />
          <TextField label="User" value={f.user} onChange={set('user')} error={errors.user} required />
        </div>
        <TextField label="Host key (SHA256 fingerprint)" value={f.hostKey} onChange={set('hostKey')} error={errors.hostKey} hint="ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host" required />
        <div className="field-row">
          <TextField label="Private key file" value={f.privateKeyPath} onChange={set('privateKeyPath')} error={errors.privateKeyPath} />
          <CheckboxField label="Use ssh-agent" checked={f.useAgent} onChange={set('useAgent')} />
        </div>
        <SelectField<'file' | 'command'>
          label="Source"
          value={f.kind}
          choices={[
            { value: 'file', label: 'a file on the host' },
            { value: 'command', label: "a command's output (e.g. pg_dump -Fc app)" },
          ]}
          onChange={set('kind')}
        />
        {f.kind === 'file' ? (
          <TextField label="Remote file" value={f.path} onChange={set('path')} error={errors['source.path']} required />
        ) : (
          <TextField label="Command" value={f.command} onChange={set('command')} error={errors['source.command']} required />
        )}
        <div className="field-row">
          <TextField label="Every (hours)" type="number" value={f.everyHours} onChange={set('everyHours')} error={errors.everyHours} />
          <TextField label="Warn after (hours)" type="number" value={f.warn} onChange={set('warn')} error={errors.warnAfterHours} />
          <TextField label="Fail after (hours)" type="number" value={f.fail} onChange={set('fail')} error={errors.failAfterHours} />
        </div>
        {(errors.form || errors.source) && <p className="text-danger">{errors.form ?? errors.source}</p>}
        <SubmitRow status={status}>
          <button type="submit">Add remote backup</button>
        </SubmitRow>
      </form>
    </details>
  );
}
