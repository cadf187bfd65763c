import type { HostKeyCheck, HostSummary } from '../../../../preload/schemas/hosts.ts';
import { TypedConfirmDialog } from '../../../components/TypedConfirmDialog.tsx';
import { useAsyncAction } from '../../../components/use-async-action.ts';
import { useHostsStore } from '../../../state/stores-context.tsx';

const KNOWN_HOSTS_TEXT = {
  matches: 'records this same key',
  differs: 'records a different key for this host',
  absent: 'has no key for this host',
} as const satisfies Record<NonNullable<HostKeyCheck['knownHostsSays']>, string>;

interface Props {
  host: HostSummary;
  /** An "unknown" or "mismatch" answer of checkHostKey. */
  check: HostKeyCheck;
  onPinned(host: HostSummary): void;
  onCancel(): void;
}

/**
 * Pinning a host key is trusting it, so the person types (or pastes) the offered fingerprint after
 * comparing it with one obtained another way; the core pins only if it is the key offered now. A
 * mismatch is shown as the refusal it is, both fingerprints side by side, with the deliberate way
 * to re-pin below.
 */
export function HostKeyDialog({ host, check, onPinned, onCancel }: Props) {
  const pin = useHostsStore((s) => s.pinHostKey);
  // Pinned, the parent closes the dialog; until then it stays busy.
  const pinning = useAsyncAction(async (typed: string) => onPinned(await pin(host.id, typed)), { staysBusyOnSuccess: true });
  const mismatch = check.decision === 'mismatch';

  return (
    <TypedConfirmDialog
      title={mismatch ? `Host key of ${host.name} has changed: connections are refused` : `Trust the host key of ${host.name}?`}
      phrase={check.offered.fingerprint}
      inputLabel={mismatch ? 'To re-pin deliberately, type or paste the new fingerprint' : 'Type or paste the fingerprint to pin it'}
      confirmLabel={mismatch ? 'Re-pin to the new key' : 'Pin this key'}
      onConfirm={(typed) => void pinning.run(typed)}
      onCancel={onCancel}
      busy={pinning.busy}
      error={pinning.error}
      wide
    >
      <pre className="ssh-message">{check.message}</pre>
      <dl className="facts fingerprints">
        <dt>Address</dt>
        <dd>
          <code>{check.where}</code>
        </dd>
        {check.pinned !== null && (
          <>
            <dt>Pinned</dt>
            <dd>
              <code className="fingerprint">{check.pinned}</code>
            </dd>
          </>
        )}
        <dt>Offered now</dt>
        <dd>
          <code className="fingerprint">{check.offered.fingerprint}</code> <span className="muted">({check.offered.keyType})</span>
        </dd>
        {check.knownHostsSays !== null && (
          <>
            <dt>known_hosts</dt>
            <dd>{KNOWN_HOSTS_TEXT[check.knownHostsSays]}</dd>
          </>
        )}
      </dl>
      {mismatch && (
        <div className="banner banner-error">
          <p className="banner-title">This may be an impostor, or the host was rebuilt.</p>
          {check.howToRepin && <p>{check.howToRepin}</p>}
        </div>
      )}
      {!mismatch && <p>Compare it with the fingerprint the host’s administrator gives you (on the host: ssh-keygen -lf on its public host key).</p>}
    </TypedConfirmDialog>
  );
}
