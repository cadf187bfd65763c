import { useId, useRef, useState, type FormEvent } from 'react';
import type { PullSource } from '../../../preload/schemas/agents.ts';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useFormErrors } from '../../components/use-form-errors.ts';
import { useAgentsStore } from '../../state/stores-context.tsx';
import { parseSeconds, placeOn } from './agent-forms.ts';

type Kind = 'http' | 'sqlite-ssh';
type Field = 'name' | 'source' | 'apiKey';

/** Remote places agent events are read from on an interval: a JSON endpoint, or a SQLite registry over SSH. */
export function PullSourcesPanel({ projectId, sources }: { projectId: string; sources: readonly PullSource[] }) {
  const save = useAgentsStore((s) => s.savePullSource);
  const remove = useAgentsStore((s) => s.removePullSource);
  const titleId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<Kind>('http');
  const [v, setV] = useState({ name: '', url: '', apiKey: '', host: '', port: '22', user: '', hostKey: '', privateKeyPath: '', file: '', query: '', interval: '60' });
  const { errors, formError, busy, clearError, attempt } = useFormErrors<Field>(formRef);
  const set = (k: keyof typeof v) => (value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    clearError(k === 'name' || k === 'apiKey' ? k : 'source');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const intervalSeconds = parseSeconds(v.interval);
    const source =
      kind === 'http'
        ? { kind, url: v.url, intervalSeconds }
        : {
            kind,
            host: v.host,
            port: parseSeconds(v.port),
            user: v.user,
            hostKey: v.hostKey,
            ...(v.privateKeyPath.trim() && { privateKeyPath: v.privateKeyPath.trim() }),
            file: v.file,
            query: v.query,
            intervalSeconds,
          };
    await attempt(() => save({ projectId, name: v.name, source, ...(kind === 'http' && v.apiKey && { apiKey: v.apiKey }) }), placeOn<Field>(['name', 'source', 'apiKey']), () =>
      setV((old) => ({ ...old, name: '', apiKey: '' })),
    );
  };

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Pull sources</h2>
      {sources.length === 0 ? (
        <p className="muted">No pull sources: agents of this project only push.</p>
      ) : (
        <ul className="plain-list">
          {sources.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong> <span className="code">{s.target}</span> <span className="muted">every {s.intervalSeconds} s</span>
              {s.hasApiKey && <span className="muted"> · API key in the keychain</span>}
              <br />
              Last run <Timestamp at={s.lastRunAt} />, last reached <Timestamp at={s.lastOkAt} />
              {s.lastImported !== null && <>, {s.lastImported} imported</>}
              {s.lastError && <p className="field-error">{s.lastError}</p>}
              <button type="button" className="danger-quiet" onClick={() => void remove(s.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)}>
        {formError && (
          <p className="field-error" role="alert">
            {formError}
          </p>
        )}
        <div className="field-row">
          <SelectField<Kind>
            label="Kind"
            value={kind}
            choices={[
              { value: 'http', label: 'JSON endpoint (HTTP)' },
              { value: 'sqlite-ssh', label: 'SQLite registry over SSH' },
            ]}
            onChange={setKind}
          />
          <TextField label="Name" value={v.name} onChange={set('name')} error={errors.name} />
          <TextField label="Every (s)" type="number" value={v.interval} onChange={set('interval')} />
        </div>
        {kind === 'http' ? (
          <div className="field-row">
            <TextField label="URL" value={v.url} onChange={set('url')} error={errors.source} hint='Answers a JSON array of events or {"events": [...]}' />
            <div className="field">
              <label htmlFor={`${titleId}-key`}>API key</label>
              <input id={`${titleId}-key`} type="password" autoComplete="off" value={v.apiKey} onChange={(e) => set('apiKey')(e.target.value)} />
              {errors.apiKey && <p className="field-error">{errors.apiKey}</p>}
            </div>
          </div>
        ) : (
          <>
            <div className="field-row">
              <TextField label="Host" value={v.host} onChange={set('host')} />
              <TextField label="Port" type="number" value={v.port} onChange={set('port')} />
              <TextField label="User" value={v.user} onChange={set('user')} />
            </div>
            <div className="field-row">
              <TextField label="Host key (SHA256:…)" value={v.hostKey} onChange={set('hostKey')} />
              <TextField label="Private key path" value={v.privateKeyPath} onChange={set('privateKeyPath')} />
              <TextField label="Database file" value={v.file} onChange={set('file')} />
            </div>
            <TextField label="Query" multiline value={v.query} onChange={set('query')} error={errors.source} hint="Rows with columns agent, type, at (ms) and the fields of that type" />
          </>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            Add pull source
          </button>
        </div>
      </form>
    </section>
  );
}
