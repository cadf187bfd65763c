import { useState } from 'react';
import type { HostKeyCheck, HostSummary } from '../../../../preload/schemas/hosts.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useAsyncAction } from '../../../components/use-async-action.ts';
import { useConfirmedAction } from '../../../components/use-confirmed-action.ts';
import { useHostsStore } from '../../../state/stores-context.tsx';
import { hostHref } from '../../recovery/recovery-route.ts';
import { EMPTY_HOST, hostToDraft } from './host-draft.ts';
import { HostForm } from './HostForm.tsx';
import { HostKeyDialog } from './HostKeyDialog.tsx';

const AUTH_TEXT = { agent: 'ssh-agent', key: 'key file', password: 'password' } as const satisfies Record<HostSummary['auth'], string>;

/** Host profiles: add, edit, remove, and check (then pin or re-pin) each one's host key. */
export function HostsPanel() {
  const hosts = useHostsStore((s) => s.hosts);
  const status = useHostsStore((s) => s.status);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState('');

  return (
    <section className="card" aria-labelledby="hosts-title">
      <div className="title-row">
        <h2 id="hosts-title">Hosts</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            Add host
          </button>
        )}
      </div>
      <p className="form-status" role="status">
        {saved}
      </p>
      {adding && (
        <HostForm
          title="Add a host"
          initial={EMPTY_HOST}
          onSaved={(h) => {
            setAdding(false);
            setSaved(`Added ${h.name}. Check its host key before running anything on it.`);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {status === 'ready' && hosts.length === 0 && <p className="muted">No hosts yet. Add one, or import them from ~/.ssh below.</p>}
      {hosts.length > 0 && (
        <ul className="host-list" aria-label="Host profiles">
          {hosts.map((h) => (
            <HostItem key={h.id} host={h} />
          ))}
        </ul>
      )}
    </section>
  );
}

type KeyNote = { text: string; bad: boolean };

function HostItem({ host }: { host: HostSummary }) {
  const checkHostKey = useHostsStore((s) => s.checkHostKey);
  const remove = useHostsStore((s) => s.remove);
  const [editing, setEditing] = useState(false);
  const [check, setCheck] = useState<HostKeyCheck | null>(null);
  const [note, setNote] = useState<KeyNote | null>(null);
  const removal = useConfirmedAction(() => remove(host.id));
  const checking = useAsyncAction(async () => {
    const result = await checkHostKey(host.id);
    if (result.decision === 'unknown' || result.decision === 'mismatch') setCheck(result);
    else if (result.decision === 'trusted') setNote({ text: `Trusted: the host offers the pinned key ${result.offered.fingerprint}.`, bad: false });
    else setNote({ text: result.message, bad: true });
  });

  const runCheck = async () => {
    setNote(null);
    const outcome = await checking.run();
    if (!outcome.ok) setNote({ text: outcome.error.message, bad: true });
  };

  return (
    <li className="host-item">
      <article aria-label={host.name}>
        <div className="project-head">
          <h3>
            <a href={hostHref(host.id)}>{host.name}</a>
          </h3>
          <div className="actions">
            <button type="button" onClick={() => void runCheck()} disabled={checking.busy}>
              {checking.busy ? 'Checking…' : 'Check host key'}
              <span className="visually-hidden"> of {host.name}</span>
            </button>
            <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
              Edit<span className="visually-hidden"> {host.name}</span>
            </button>
            <button type="button" className="danger-quiet" onClick={removal.ask}>
              Remove<span className="visually-hidden"> {host.name}</span>
            </button>
          </div>
        </div>
        <dl className="facts">
          <dt>Login</dt>
          <dd>
            <code>
              {host.user}@{host.address}:{host.port}
            </code>{' '}
            with {AUTH_TEXT[host.auth]}
            {host.keyPath && (
              <>
                {' '}
                <code>{host.keyPath}</code>
              </>
            )}
            {host.secretRef && <span className="muted"> (secret in the keychain)</span>}
          </dd>
          <dt>Host key</dt>
          <dd>
            {host.pin ? (
              <>
                <code className="fingerprint">{host.pin.fingerprint}</code> <span className="muted">({host.pin.keyType})</span>
              </>
            ) : (
              <span className="text-danger">not pinned: nothing runs on it until its key is checked and pinned</span>
            )}
          </dd>
          {host.services.length > 0 && (
            <>
              <dt>Services</dt>
              <dd>{host.services.join(', ')}</dd>
            </>
          )}
          {host.cloud && (
            <>
              <dt>Cloud</dt>
              <dd>{host.cloud.provider === 'gcloud' ? `gcloud ${host.cloud.instance} in ${host.cloud.zone}${host.cloud.project ? ` (${host.cloud.project})` : ''}` : `aws ${host.cloud.instanceId}${host.cloud.region ? ` in ${host.cloud.region}` : ''}`}</dd>
            </>
          )}
          <dt>Source</dt>
          <dd>{host.source}</dd>
        </dl>
        {note && (
          <p className={note.bad ? 'field-error' : 'form-status'} role="status">
            {note.text}
          </p>
        )}
        {editing && (
          <HostForm
            title={`Edit ${host.name}`}
            initial={hostToDraft(host)}
            host={host}
            onSaved={() => {
              setEditing(false);
              setNote({ text: 'Saved.', bad: false });
            }}
            onCancel={() => setEditing(false)}
          />
        )}
        {check && (
          <HostKeyDialog
            host={host}
            check={check}
            onPinned={(h) => {
              setCheck(null);
              setNote({ text: `Pinned ${h.pin?.fingerprint ?? check.offered.fingerprint}.`, bad: false });
            }}
            onCancel={() => setCheck(null)}
          />
        )}
        {removal.confirming && (
          <ConfirmDialog title={`Remove “${host.name}”?`} confirmLabel="Remove host" {...removal.dialog}>
            <p>Its profile and pinned key are deleted; its audit records stay. Secrets it used stay in the keychain until you delete them.</p>
          </ConfirmDialog>
        )}
      </article>
    </li>
  );
}
