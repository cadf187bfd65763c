import { useId, useRef, useState, type FormEvent } from 'react';
import type { SecretInfo } from '../../../../preload/schemas/secrets.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { SelectField, type Choice } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useAsyncAction, type ActionOutcome } from '../../../components/use-async-action.ts';
import { useConfirmedAction } from '../../../components/use-confirmed-action.ts';
import { useFormErrors } from '../../../components/use-form-errors.ts';
import { useSecretsStore } from '../../../state/stores-context.tsx';
import type { SecretKind } from './host-draft.ts';

const KIND_TEXT = {
  'ssh-password': 'SSH password',
  'key-passphrase': 'Key passphrase',
  'api-token': 'API token',
  'webhook-url': 'Webhook URL',
} as const satisfies Record<SecretKind, string>;

const KIND_CHOICES: readonly Choice<SecretKind>[] = (Object.entries(KIND_TEXT) as [SecretKind, string][]).map(([value, label]) => ({ value, label }));

// Before the actions, which need to know whether the keychain is usable.
const SECRET_COLUMNS: readonly Column<SecretInfo>[] = [
  { key: 'label', header: 'Label', rowHeader: true, render: (s) => s.label },
  { key: 'kind', header: 'Kind', render: (s) => KIND_TEXT[s.kind] },
  { key: 'used-by', header: 'Used by', render: (s) => (s.usedBy.length === 0 ? <span className="muted">nothing</span> : s.usedBy.join(', ')) },
  { key: 'changed', header: 'Changed', render: (s) => <Timestamp at={s.updatedAt} /> },
];

/** The keychain's status and every stored secret by label. Values go in; nothing ever comes back out. */
export function VaultPanel() {
  const vault = useSecretsStore((s) => s.vault);
  const secrets = useSecretsStore((s) => s.secrets);
  const status = useSecretsStore((s) => s.status);
  const checkVault = useSecretsStore((s) => s.checkVault);
  const usable = vault?.available === true;

  return (
    <section className="card" aria-labelledby="vault-title">
      <h2 id="vault-title">Credentials</h2>
      {vault === null ? (
        <p className="muted">{status === 'failed' ? 'The keychain status could not be read.' : 'Checking the keychain…'}</p>
      ) : usable ? (
        <p className="vault-status" role="status">
          <span className="badge status-up">AVAILABLE</span> Secrets are kept in {vault.backend}. Checked <Timestamp at={vault.checkedAt} />.
        </p>
      ) : (
        <div className="banner banner-error" role="alert">
          <p className="banner-title">Secrets cannot be stored: the OS keychain is not available, and Photon Console never falls back to plain text.</p>
          <p>{vault.reason ?? 'No reason was given.'}</p>
          <p>
            Backend: {vault.backend}. Checked <Timestamp at={vault.checkedAt} />.
          </p>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={() => void checkVault()}>
          Check the keychain again
        </button>
      </div>

      <h3>Stored secrets</h3>
      <DataTable
        columns={[...SECRET_COLUMNS, { key: 'actions', header: 'Actions', render: (s) => <SecretActions secret={s} vaultUsable={usable} /> }]}
        rows={secrets}
        rowKey={(s) => s.ref}
        label="Stored secrets"
        className="secrets-table"
        empty={status === 'loading' ? 'Loading…' : 'None yet.'}
      />
      <AddSecretForm disabledReason={usable ? null : vault ? 'the keychain is not available (see above).' : 'the keychain status is not known yet.'} />
    </section>
  );
}

function SecretActions({ secret, vaultUsable }: { secret: SecretInfo; vaultUsable: boolean }) {
  const test = useSecretsStore((s) => s.test);
  const replace = useSecretsStore((s) => s.replace);
  const remove = useSecretsStore((s) => s.remove);
  const [note, setNote] = useState<{ text: string; bad: boolean } | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [value, setValue] = useState('');
  const removal = useConfirmedAction(() => remove(secret.ref));
  const testing = useAsyncAction(async () => {
    const r = await test(secret.ref);
    setNote(r.present ? { text: 'Present in the keychain.', bad: false } : { text: 'Missing from the keychain: replace it.', bad: true });
  });
  const saving = useAsyncAction(async (typed: string) => {
    await replace(secret.ref, typed);
    setReplacing(false);
    setNote({ text: 'Replaced.', bad: false });
  });
  const busy = testing.busy || saving.busy;
  // Both actions answer in the row's one note.
  const noteFailure = (outcome: ActionOutcome<void>) => {
    if (!outcome.ok) setNote({ text: outcome.error.message, bad: true });
  };

  const runTest = async () => noteFailure(await testing.run());

  const submitReplace = async (e: FormEvent) => {
    e.preventDefault();
    const typed = value;
    setValue('');
    if (typed === '') return setNote({ text: 'Type the new value first.', bad: true });
    noteFailure(await saving.run(typed));
  };

  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void runTest()} disabled={busy}>
          Test<span className="visually-hidden"> {secret.label}</span>
        </button>
        <button type="button" onClick={() => setReplacing((r) => !r)} disabled={busy || !vaultUsable} aria-expanded={replacing}>
          Replace<span className="visually-hidden"> {secret.label}</span>
        </button>
        <button type="button" className="danger-quiet" onClick={removal.ask} disabled={busy}>
          Delete<span className="visually-hidden"> {secret.label}</span>
        </button>
      </div>
      {replacing && (
        <form className="inline-form" noValidate onSubmit={(e) => void submitReplace(e)} aria-label={`Replace ${secret.label}`}>
          <TextField label="New value" type="password" autoComplete="new-password" value={value} onChange={setValue} />
          <button type="submit" className="primary" disabled={busy}>
            Save new value
          </button>
        </form>
      )}
      {note && (
        <p className={note.bad ? 'field-error' : 'form-status'} role="status">
          {note.text}
        </p>
      )}
      {removal.confirming && (
        <ConfirmDialog title={`Delete “${secret.label}”?`} confirmLabel="Delete secret" {...removal.dialog}>
          <p>It is removed from the OS keychain. This cannot be undone.</p>
          {secret.usedBy.length > 0 && <p>Used by {secret.usedBy.join(', ')}: the core refuses while a host still uses it.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}

function AddSecretForm({ disabledReason }: { disabledReason: string | null }) {
  const setSecret = useSecretsStore((s) => s.set);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<SecretKind>('api-token');
  const [label, setLabel] = useState('');
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<'kind' | 'label' | 'value'>(formRef);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || disabledReason !== null) return;
    setStatus('');
    // The value leaves this component's state before the call even starts.
    const typed = value;
    setValue('');
    if (!label.trim()) return fail({ label: 'Give it a label you will recognise.' }, null);
    if (typed === '') return fail({ value: 'Type the value to store.' }, null);
    await attempt(
      () => setSecret({ kind, label: label.trim(), value: typed }),
      (err) => (err.field === 'kind' || err.field === 'label' || err.field === 'value' ? { fields: { [err.field]: err.message }, form: null } : { fields: {}, form: err.message }),
      (info) => {
        setLabel('');
        setStatus(`Stored “${info.label}”.`);
      },
    );
  };

  return (
    <form ref={formRef} className="add-secret" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>Store a secret</h3>
      {disabledReason !== null && <p className="muted">Not possible now: {disabledReason}</p>}
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <fieldset disabled={disabledReason !== null} className="plain-fieldset">
        <div className="field-row">
          <SelectField<SecretKind> label="Kind" value={kind} choices={KIND_CHOICES} onChange={setKind} error={errors.kind} />
          <TextField
            label="Label"
            value={label}
            onChange={(v) => {
              setLabel(v);
              clearError('label');
            }}
            error={errors.label}
          />
          <TextField
            label="Value"
            type="password"
            autoComplete="new-password"
            value={value}
            onChange={(v) => {
              setValue(v);
              clearError('value');
            }}
            error={errors.value}
            hint="Goes to the OS keychain; it is never shown again."
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Storing…' : 'Store secret'}
          </button>
          <p className="form-status" role="status">
            {status}
          </p>
        </div>
      </fieldset>
    </form>
  );
}
