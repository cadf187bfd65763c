import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { HostSummary } from '../../../../preload/schemas/hosts.ts';
import { CheckboxField } from '../../../components/CheckboxField.tsx';
import { SaveOrCancel } from '../../../components/SaveOrCancel.tsx';
import { SelectField, type Choice } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useFormErrors } from '../../../components/use-form-errors.ts';
import { useHostsStore, useSecretsStore } from '../../../state/stores-context.tsx';
import { NEW_SECRET, NO_SECRET, placeHostError, secretKindFor, toHostInput, type CloudChoice, type HostAuth, type HostDraft, type HostField } from './host-draft.ts';

const AUTH_CHOICES: readonly Choice<HostAuth>[] = [
  { value: 'agent', label: 'ssh-agent (SSH_AUTH_SOCK)' },
  { value: 'key', label: 'Key file' },
  { value: 'password', label: 'Password (kept in the OS keychain)' },
];

const CLOUD_CHOICES: readonly Choice<CloudChoice>[] = [
  { value: 'none', label: 'None' },
  { value: 'gcloud', label: 'Google Compute Engine (gcloud)' },
  { value: 'aws', label: 'Amazon EC2 (aws)' },
];

interface Props {
  title: string;
  initial: HostDraft;
  /** Set when editing. */
  host?: HostSummary;
  onSaved(host: HostSummary): void;
  onCancel(): void;
}

/**
 * Adds or edits a host profile. A new passphrase or password typed here is stored in the vault
 * first, and only its reference is saved with the host; the typed value is cleared right after.
 */
export function HostForm({ title, initial, host, onSaved, onCancel }: Props) {
  const save = useHostsStore((s) => s.save);
  const setSecret = useSecretsStore((s) => s.set);
  const secrets = useSecretsStore((s) => s.secrets);
  const vault = useSecretsStore((s) => s.vault);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  // Kept apart from the draft, and emptied after every submit: it must not outlive the call.
  const [secretValue, setSecretValue] = useState('');
  const { errors, formError, busy, fail, clearError, attempt } = useFormErrors<HostField>(formRef);

  const set =
    <F extends keyof HostDraft>(field: F) =>
    (value: HostDraft[F]) => {
      setDraft((d) => ({ ...d, [field]: value }));
      clearError(field);
    };

  const kind = secretKindFor(draft.auth);
  const vaultUsable = vault?.available === true;
  const secretChoices = useMemo<Choice<string>[]>(() => {
    if (kind === null) return [];
    const fitting = secrets.filter((s) => s.kind === kind).map((s) => ({ value: s.ref, label: s.label }));
    return [
      { value: NO_SECRET, label: kind === 'key-passphrase' ? 'None (the key has no passphrase)' : 'Choose one…' },
      ...fitting,
      ...(vaultUsable ? [{ value: NEW_SECRET, label: 'Store a new one…' }] : []),
    ];
  }, [secrets, kind, vaultUsable]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const value = secretValue;
    setSecretValue('');
    const built = toHostInput(draft, host?.id, value, host?.projectId ?? null);
    if (!built.ok) return fail(built.errors, null);
    await attempt(
      async () => {
        let input = built.input;
        if (built.newSecret && kind !== null) {
          const info = await setSecret({ kind, label: draft.newSecretLabel.trim(), value });
          // Should the host be refused, a retry uses the stored secret instead of storing another.
          setDraft((d) => ({ ...d, secretRef: info.ref, newSecretLabel: '' }));
          input = { ...input, secretRef: info.ref };
        }
        return save(input);
      },
      placeHostError,
      onSaved,
    );
  };

  return (
    <form ref={formRef} className="card host-form" aria-labelledby={titleId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={titleId}>{title}</h3>
      {formError && (
        <p className="field-error" role="alert">
          {formError}
        </p>
      )}
      <div className="field-row">
        <TextField label="Name" required value={draft.name} onChange={set('name')} error={errors.name} hint="What you type to confirm a reboot, and what photon run names." />
        <TextField label="Address" required value={draft.address} onChange={set('address')} error={errors.address} />
      </div>
      <div className="field-row">
        <TextField label="Port" type="number" value={draft.port} onChange={set('port')} error={errors.port} />
        <TextField label="User" required value={draft.user} onChange={set('user')} error={errors.user} />
      </div>
      <SelectField
        label="Authentication"
        value={draft.auth}
        choices={AUTH_CHOICES}
        onChange={(auth) => {
          // A passphrase is no password: the chosen secret only fits the method it was chosen for.
          setDraft((d) => ({ ...d, auth, secretRef: auth === d.auth ? d.secretRef : NO_SECRET }));
          clearError('auth');
        }}
        error={errors.auth}
      />
      {draft.auth === 'key' && <TextField label="Private key file" value={draft.keyPath} onChange={set('keyPath')} error={errors.keyPath} hint="e.g. ~/.ssh/id_ed25519" />}
      {kind !== null && (
        <>
          <SelectField
            label={kind === 'key-passphrase' ? 'Key passphrase' : 'Password'}
            value={draft.secretRef}
            choices={secretChoices}
            onChange={set('secretRef')}
            error={errors.secretRef}
            hint={vaultUsable ? 'From the OS keychain; only a reference is saved with the host.' : `The keychain cannot store new secrets: ${vault?.reason ?? 'its status is not known yet'}.`}
          />
          {draft.secretRef === NEW_SECRET && (
            <div className="field-row">
              <TextField label="New secret’s label" value={draft.newSecretLabel} onChange={set('newSecretLabel')} error={errors.newSecretLabel} />
              <TextField
                label={kind === 'key-passphrase' ? 'Passphrase' : 'Password'}
                type="password"
                autoComplete="new-password"
                value={secretValue}
                onChange={(v) => {
                  setSecretValue(v);
                  clearError('newSecretValue');
                }}
                error={errors.newSecretValue}
                hint="Goes straight to the OS keychain; it is never shown again."
              />
            </div>
          )}
        </>
      )}
      <CheckboxField label="Use sudo -n for privileged steps (restart, reboot)" checked={draft.sudo} onChange={set('sudo')} error={errors.sudo} hint="Ignored when the user is root." />
      <TextField
        label="Services (systemd units)"
        value={draft.services}
        onChange={set('services')}
        error={errors.services}
        hint="Separated by spaces or commas, e.g. nginx.service app.service. Diagnose reports on them; Restart service offers them."
      />
      <SelectField label="Cloud instance" value={draft.cloud} choices={CLOUD_CHOICES} onChange={set('cloud')} error={errors.cloud} hint="Offers start/reset through the cloud CLI when it is installed here." />
      {draft.cloud === 'gcloud' && (
        <div className="field-row">
          <TextField label="Instance" value={draft.gcloudInstance} onChange={set('gcloudInstance')} error={errors.gcloudInstance} />
          <TextField label="Zone" value={draft.gcloudZone} onChange={set('gcloudZone')} error={errors.gcloudZone} hint="e.g. europe-west1-b" />
          <TextField label="Project (optional)" value={draft.gcloudProject} onChange={set('gcloudProject')} error={errors.gcloudProject} />
        </div>
      )}
      {draft.cloud === 'aws' && (
        <div className="field-row">
          <TextField label="Instance id" value={draft.awsInstanceId} onChange={set('awsInstanceId')} error={errors.awsInstanceId} hint="e.g. i-0123456789abcdef0" />
          <TextField label="Region (optional)" value={draft.awsRegion} onChange={set('awsRegion')} error={errors.awsRegion} />
        </div>
      )}
      <SaveOrCancel busy={busy} saveLabel={host ? 'Save host' : 'Add host'} onCancel={onCancel} />
    </form>
  );
}
