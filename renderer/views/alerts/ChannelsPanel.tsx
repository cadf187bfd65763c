import { useState } from 'react';
import type { AlertChannel, AlertDelivery } from '../../../preload/schemas/alerts.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SubmitRow } from '../../components/SubmitRow.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useAsyncAction } from '../../components/use-async-action.ts';
import { useConfirmedAction } from '../../components/use-confirmed-action.ts';
import { useSimpleSubmit } from '../../components/use-simple-submit.ts';
import { formatDuration } from '../../format/time.ts';
import { useAlertsStore, useNotificationsStore } from '../../state/stores-context.tsx';

const KIND_CHOICES = [
  { value: 'webhook', label: 'Generic JSON webhook (POST)' },
  { value: 'slack', label: 'Slack (incoming webhook)' },
  { value: 'discord', label: 'Discord (webhook)' },
  { value: 'ntfy', label: 'ntfy (topic URL)' },
  { value: 'desktop', label: 'Desktop notification' },
] as const;
type Kind = (typeof KIND_CHOICES)[number]['value'];

const COLUMNS: readonly Column<AlertChannel>[] = [
  { key: 'name', header: 'Name', rowHeader: true, render: (c) => c.name },
  { key: 'kind', header: 'Kind', render: (c) => c.kind },
  {
    key: 'url',
    header: 'Webhook URL',
    render: (c) => (c.urlStored === null ? <span className="muted">none</span> : c.urlStored ? 'in the OS keychain' : <span className="text-danger">missing from the keychain: set it again</span>),
  },
  { key: 'enabled', header: 'Enabled', render: (c) => (c.enabled ? 'yes' : 'no') },
  { key: 'actions', header: 'Actions', render: (c) => <ChannelActions channel={c} /> },
];

/** Where alerts go. Webhook URLs are written to the OS keychain and never shown again. */
export function ChannelsPanel() {
  const channels = useAlertsStore((s) => s.channels);
  return (
    <section className="card" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels</h2>
      <DataTable columns={COLUMNS} rows={channels} rowKey={(c) => c.id} scrollClassName="table-scroll" empty="No channels yet: alerts are recorded below but sent nowhere." />
      <BrowserPermission />
      <AddChannelForm />
    </section>
  );
}

function ChannelActions({ channel }: { channel: AlertChannel }) {
  const testChannel = useAlertsStore((s) => s.testChannel);
  const removeChannel = useAlertsStore((s) => s.removeChannel);
  const saveChannel = useAlertsStore((s) => s.saveChannel);
  const [replacing, setReplacing] = useState(false);
  const [newUrl, setNewUrl] = useState('');
  const [result, setResult] = useState<AlertDelivery | null>(null);
  const remove = useConfirmedAction(async () => {
    await removeChannel(channel.id);
  });
  const saving = useAsyncAction(async (change: { enabled?: boolean; url?: string }) => {
    await saveChannel({ id: channel.id, name: channel.name, kind: channel.kind, enabled: change.enabled ?? channel.enabled, ...(change.url !== undefined && { url: change.url }) });
    setReplacing(false);
    setNewUrl('');
  });
  const testing = useAsyncAction(async () => setResult(await testChannel(channel.id)));
  // Both answer in the row's one error line, which tells what happened last: starting either clears
  // it, a failure of either replaces it. So at most one of the two holds an error.
  const save = async (change: { enabled?: boolean; url?: string }) => {
    testing.clearError();
    if (!(await saving.run(change)).ok) testing.clearError();
  };
  const test = async () => {
    saving.clearError();
    if (!(await testing.run()).ok) saving.clearError();
  };
  const error = testing.error ?? saving.error;
  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void test()} disabled={testing.busy}>
          {testing.busy ? 'Sending…' : 'Send test'}
        </button>
        <button type="button" onClick={() => void save({ enabled: !channel.enabled })}>
          {channel.enabled ? 'Disable' : 'Enable'}
        </button>
        {channel.urlStored !== null && (
          <button type="button" onClick={() => setReplacing(!replacing)} aria-expanded={replacing}>
            Replace URL…
          </button>
        )}
        <button type="button" className="danger" onClick={remove.ask}>
          Remove
        </button>
      </div>
      {replacing && (
        <form
          className="actions"
          aria-label={`New webhook URL for ${channel.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void save({ url: newUrl.trim() });
          }}
        >
          <TextField label="New webhook URL" value={newUrl} onChange={setNewUrl} hint="Replaces the one in the OS keychain." />
          <button type="submit">Save URL</button>
        </form>
      )}
      {result && (
        <p role="status" className={result.status === 'delivered' ? 'form-status' : 'text-danger'}>
          Test {result.status}
          {result.log[0]?.httpStatus ? ` (HTTP ${result.log[0].httpStatus}` : ' ('}
          {result.log[0] ? `${result.log[0].httpStatus ? ', ' : ''}${formatDuration(result.log[0].durationMs)})` : ')'}
          {result.lastError ? `: ${result.lastError}` : ''}
        </p>
      )}
      {error && <p className="text-danger">{error}</p>}
      {remove.confirming && (
        <ConfirmDialog title={`Remove the channel "${channel.name}"?`} confirmLabel="Remove channel" {...remove.dialog}>
          <p>Its webhook URL is deleted from the OS keychain. Past deliveries stay in the log.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function BrowserPermission() {
  const permission = useNotificationsStore((s) => s.permission);
  const request = useNotificationsStore((s) => s.requestPermission);
  if (permission === null) return null;
  if (permission === 'unsupported') return <p className="muted">This browser has no notification support; desktop alerts appear in the page only.</p>;
  if (permission === 'granted') return <p className="muted">Desktop alerts also appear as browser notifications.</p>;
  return (
    <p className="muted">
      Desktop alerts appear in this page.{' '}
      {permission === 'default' && (
        <button type="button" onClick={() => void request()}>
          Also show them as browser notifications
        </button>
      )}
      {permission === 'denied' && 'The browser blocks notifications for this page.'}
    </p>
  );
}

function AddChannelForm() {
  const saveChannel = useAlertsStore((s) => s.saveChannel);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('webhook');
  const [url, setUrl] = useState('');
  const { errors, status, busy, submit } = useSimpleSubmit();
  const add = async () => {
    const saved = await saveChannel({ name, kind, ...(kind !== 'desktop' && url.trim() !== '' && { url: url.trim() }) });
    setName('');
    setUrl('');
    return `Added "${saved.name}".`;
  };
  return (
    <form
      className="edit-form"
      aria-labelledby="add-channel-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(add);
      }}
    >
      <h3 id="add-channel-title">Add a channel</h3>
      <TextField label="Name" value={name} onChange={setName} error={errors.name} required />
      <SelectField<Kind> label="Kind" value={kind} choices={KIND_CHOICES} onChange={setKind} error={errors.kind} />
      {kind !== 'desktop' && (
        <TextField
          label="Webhook URL"
          value={url}
          onChange={setUrl}
          error={errors.url}
          hint="Stored in the OS keychain only; it is never shown again, logged or exported."
          required
        />
      )}
      {errors.form && <p className="text-danger">{errors.form}</p>}
      <SubmitRow status={status}>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Add channel'}
        </button>
      </SubmitRow>
    </form>
  );
}
