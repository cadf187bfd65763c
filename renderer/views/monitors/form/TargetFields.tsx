import { CheckboxField } from '../../../components/CheckboxField.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { METHOD_CHOICES, RECORD_TYPE_CHOICES } from '../monitor-labels.ts';
import { DEFAULT_PORTS, type DraftField, type FieldErrors, type MonitorDraft } from './monitor-draft.ts';

interface Props {
  draft: MonitorDraft;
  errors: FieldErrors;
  set<F extends DraftField>(field: F): (value: MonitorDraft[F]) => void;
}

/** The inputs the chosen kind needs; the others keep their values in the draft but are not sent. */
export function TargetFields({ draft, errors, set }: Props) {
  const defaultPort = DEFAULT_PORTS[draft.kind];
  const port = (
    <TextField
      label="Port"
      type="number"
      required={defaultPort === undefined}
      value={draft.port}
      onChange={set('port')}
      error={errors.port}
      {...(defaultPort !== undefined && { hint: `Empty means ${defaultPort}.` })}
    />
  );
  const host = <TextField label="Host" required value={draft.host} onChange={set('host')} error={errors.host} hint="Host name or IP address." />;

  switch (draft.kind) {
    case 'ping':
      return <div className="field-row">{host}</div>;
    case 'tcp':
    case 'tls':
      return (
        <div className="field-row">
          {host}
          {port}
        </div>
      );
    case 'http':
      return (
        <>
          <div className="field-row">
            <TextField label="URL" required value={draft.url} onChange={set('url')} error={errors.url} hint="http:// or https://" />
            <SelectField label="Method" value={draft.method} choices={METHOD_CHOICES} onChange={set('method')} error={errors.method} />
          </div>
          <CheckboxField
            label="Verify the TLS certificate"
            checked={draft.verifyTls}
            onChange={set('verifyTls')}
            error={errors.verifyTls}
            hint="Turning this off still records whether the certificate would have passed."
          />
        </>
      );
    case 'dns':
      return (
        <div className="field-row">
          <TextField label="Name to resolve" required value={draft.query} onChange={set('query')} error={errors.query} />
          <SelectField label="Record type" value={draft.recordType} choices={RECORD_TYPE_CHOICES} onChange={set('recordType')} error={errors.recordType} />
          <TextField label="Resolver" value={draft.resolver} onChange={set('resolver')} error={errors.resolver} hint='"ip" or "ip:port"; empty uses the system resolver.' />
        </div>
      );
    case 'postgres':
      return (
        <>
          <div className="field-row">
            {host}
            {port}
          </div>
          <div className="field-row">
            <TextField label="Database" required value={draft.database} onChange={set('database')} error={errors.database} />
            <TextField label="User" required value={draft.user} onChange={set('user')} error={errors.user} />
            <TextField
              label="Password environment variable"
              value={draft.passwordEnv}
              onChange={set('passwordEnv')}
              error={errors.passwordEnv}
              hint="The name of a variable holding the password; the password itself is never stored."
            />
          </div>
          <CheckboxField label="Use SSL" checked={draft.ssl} onChange={set('ssl')} error={errors.ssl} />
        </>
      );
    case 'ssh':
    case 'sqlite-over-ssh':
      return (
        <>
          <div className="field-row">
            {host}
            {port}
            <TextField label="User" required value={draft.user} onChange={set('user')} error={errors.user} />
          </div>
          <div className="field-row">
            <TextField
              label="Host key"
              required
              value={draft.hostKey}
              onChange={set('hostKey')}
              error={errors.hostKey}
              hint="SHA256:… fingerprint, as ssh-keyscan | ssh-keygen -lf - prints it. Any other key is refused."
            />
            <TextField label="Private key path" value={draft.privateKeyPath} onChange={set('privateKeyPath')} error={errors.privateKeyPath} />
          </div>
          <CheckboxField label="Use the ssh-agent (SSH_AUTH_SOCK)" checked={draft.useAgent} onChange={set('useAgent')} error={errors.useAgent} />
          {draft.kind === 'ssh' ? (
            <TextField label="Command" value={draft.command} onChange={set('command')} error={errors.command} hint="Optional. Its exit code is checked with [EXIT_CODE]." />
          ) : (
            <TextField label="SQLite file on the host" required value={draft.file} onChange={set('file')} error={errors.file} />
          )}
        </>
      );
  }
}
