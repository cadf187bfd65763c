import net from 'node:net';
import { fingerprintsEqual, type OfferedHostKey } from './host-key-fingerprint.ts';
import type { KnownHostKey } from './known-hosts-import.ts';

/**
 * Whether to trust the host key a server offered: pure, storage-agnostic, no I/O. The pin (the
 * fingerprint a person confirmed earlier) is the authority; known_hosts is evidence shown to that
 * person, never a reason to trust on its own. A revoked key is refused whatever else is true.
 */

/**
 * What ~/.ssh/known_hosts says about the offered key:
 * - matches: it records this very key for the host;
 * - differs: it records other keys for the host but not this one. Also when they are of another
 *   type: Photon cannot make the server offer the type known_hosts has (OpenSSH can), so an impostor
 *   that lacks the recorded key could simply offer a different type;
 * - absent: it records nothing for the host.
 */
export type KnownHostsVerdict = 'matches' | 'differs' | 'absent';

export type HostKeyTrustDecision =
  | { decision: 'trusted'; fingerprint: string }
  | {
      decision: 'unknown';
      offered: OfferedHostKey;
      /** Only when known_hosts was consulted. */
      knownHostsSays?: KnownHostsVerdict;
      /** The known_hosts lines behind `knownHostsSays` ("matches": the matching ones). */
      knownHostsLines?: number[];
      /** For the confirmation dialog: OpenSSH's own wording, fingerprint included. */
      message: string;
    }
  | {
      decision: 'mismatch';
      pinned: string;
      offered: OfferedHostKey;
      knownHostsSays?: KnownHostsVerdict;
      /** Names both fingerprints and the deliberate way to re-pin. */
      howToRepin: string;
      message: string;
    }
  | { decision: 'revoked'; offered: OfferedHostKey; knownHostsLine: number; message: string };

export interface HostKeyTrustInput {
  host: string;
  port: number;
  /** The pinned fingerprint ("SHA256:…"), or null when nothing is pinned yet. */
  pinned: string | null;
  /** From probeHostKey, HostKeyUnknownError.offered or HostKeyMismatchError.offered. */
  offered: OfferedHostKey;
  /**
   * findKnownHostKeys(text, host, port); with a HostKeyAlias, findKnownHostKeys(text, alias, 22), since ssh
   * looks an alias up bare, never as [alias]:port. Omit when known_hosts was not consulted.
   */
  knownHosts?: readonly KnownHostKey[];
}

export function decideHostKeyTrust(input: HostKeyTrustInput): HostKeyTrustDecision {
  const { offered } = input;
  const where = hostPortText(input.host, input.port);
  const revokedLine = input.knownHosts?.find((k) => k.revoked && fingerprintsEqual(k.fingerprint, offered.fingerprint));
  if (revokedLine) {
    return {
      decision: 'revoked',
      offered,
      knownHostsLine: revokedLine.line,
      message:
        `${where} offered ${offered.fingerprint} (${offered.keyType}), a key marked @revoked in known_hosts (line ${revokedLine.line}). ` +
        'It is refused, whether or not it is pinned: a revoked key may be in someone else’s hands.',
    };
  }
  const evidence = input.knownHosts ? knownHostsEvidence(input.knownHosts, offered) : undefined;
  if (input.pinned !== null) {
    if (fingerprintsEqual(input.pinned, offered.fingerprint)) return { decision: 'trusted', fingerprint: offered.fingerprint };
    const howToRepin = repinInstructions(where, input.pinned, offered, evidence);
    return {
      decision: 'mismatch',
      pinned: input.pinned,
      offered,
      ...(evidence && { knownHostsSays: evidence.says }),
      howToRepin,
      message: `Host key for ${where} changed: pinned ${input.pinned}, offered ${offered.fingerprint} (${offered.keyType}). The connection is refused.`,
    };
  }
  const lines = [
    `The authenticity of host '${where}' can't be established.`,
    `${openSshKeyLabel(offered.keyType)} key fingerprint is ${offered.fingerprint}.`,
  ];
  if (evidence?.says === 'matches') lines.push(`Your known_hosts records this same key for this host (line ${evidence.lines.join(', ')}).`);
  if (evidence?.says === 'differs') {
    lines.push(
      `WARNING: known_hosts records a different key for this host (line ${evidence.lines.join(', ')}). ` +
        'Pin this one only if you know the host was re-keyed.',
    );
  }
  lines.push(`Compare it with \`ssh-keygen -lf ${hostKeyPubPath(offered.keyType)}\` on the host, and pin it only if they are identical.`);
  return {
    decision: 'unknown',
    offered,
    ...(evidence && { knownHostsSays: evidence.says, knownHostsLines: evidence.lines }),
    message: lines.join('\n'),
  };
}

export type RepinResult = { ok: true; pinned: string; previous: string | null } | { ok: false; reason: string };

/**
 * Replaces the pin with the offered key only when `confirmation` is exactly the offered fingerprint:
 * typed or pasted by a person who has checked it, which a stray click cannot do. Also the way to
 * pin a host the first time with the same care (current: null). Never accepts a revoked key.
 */
export function repin(
  current: string | null,
  offered: OfferedHostKey,
  confirmation: string,
  options: { knownHosts?: readonly KnownHostKey[] } = {},
): RepinResult {
  if (!FINGERPRINT.test(offered.fingerprint)) return { ok: false, reason: `the offered fingerprint ${offered.fingerprint} is not in OpenSSH's SHA256 format` };
  const revoked = options.knownHosts?.find((k) => k.revoked && fingerprintsEqual(k.fingerprint, offered.fingerprint));
  if (revoked) return { ok: false, reason: `${offered.fingerprint} is marked @revoked in known_hosts (line ${revoked.line}); it cannot be pinned` };
  if (current !== null && fingerprintsEqual(current, offered.fingerprint)) return { ok: false, reason: `${offered.fingerprint} is already the pinned key; nothing to re-pin` };
  if (!fingerprintsEqual(confirmation, offered.fingerprint)) {
    let hint = '';
    if (current !== null && fingerprintsEqual(confirmation, current)) hint = ' (that is the old, pinned fingerprint)';
    else if (fingerprintsEqual(confirmation.trim(), offered.fingerprint)) hint = ' (remove the spaces or line breaks around it)';
    else if (confirmation.toLowerCase() === offered.fingerprint.toLowerCase()) hint = ' (fingerprints are case-sensitive)';
    else if (!confirmation.startsWith('SHA256:') && fingerprintsEqual(`SHA256:${confirmation}`, offered.fingerprint)) hint = ' (include the "SHA256:" prefix)';
    return { ok: false, reason: `the confirmation must be exactly the new fingerprint ${offered.fingerprint}${hint}; nothing was changed` };
  }
  return { ok: true, pinned: offered.fingerprint, previous: current };
}

/** The name OpenSSH prints before "key fingerprint is": ED25519, ECDSA, RSA, … */
export function openSshKeyLabel(keyType: string): string {
  const plain = keyType.replace(/-cert-v01@openssh\.com$/, '');
  const label = KEY_LABELS[plain] ?? (plain.startsWith('ecdsa-sha2-') ? 'ECDSA' : plain.toUpperCase());
  return plain === keyType ? label : `${label}-CERT`;
}

const KEY_LABELS: Record<string, string> = {
  'ssh-ed25519': 'ED25519',
  'sk-ssh-ed25519@openssh.com': 'ED25519-SK',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'ECDSA-SK',
  'ssh-rsa': 'RSA',
  'ssh-dss': 'DSA',
};

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

function knownHostsEvidence(keys: readonly KnownHostKey[], offered: OfferedHostKey): { says: KnownHostsVerdict; lines: number[] } {
  const usable = keys.filter((k) => !k.revoked);
  const same = usable.filter((k) => fingerprintsEqual(k.fingerprint, offered.fingerprint));
  if (same.length > 0) return { says: 'matches', lines: same.map((k) => k.line) };
  if (usable.length > 0) return { says: 'differs', lines: usable.map((k) => k.line) };
  return { says: 'absent', lines: [] };
}

function repinInstructions(where: string, pinned: string, offered: OfferedHostKey, evidence: { says: KnownHostsVerdict; lines: number[] } | undefined): string {
  const steps = [
    `${where} now offers ${offered.fingerprint} (${offered.keyType}), but ${pinned} is pinned.`,
    'Do not re-pin because of this message alone: an attacker between you and the host would look exactly like this.',
    `If the host was rebuilt or re-keyed on purpose, read the fingerprint on the host itself (\`ssh-keygen -lf ${hostKeyPubPath(offered.keyType)}\`), ` +
      `and only if it is ${offered.fingerprint}, re-pin by typing that fingerprint exactly.`,
  ];
  if (evidence?.says === 'matches') steps.push(`Your known_hosts already records the new key (line ${evidence.lines.join(', ')}).`);
  if (evidence?.says === 'differs') steps.push(`Your known_hosts does not record the new key either (line ${evidence.lines.join(', ')} has another).`);
  return steps.join(' ');
}

function hostKeyPubPath(keyType: string): string {
  const t = keyType.replace(/-cert-v01@openssh\.com$/, '');
  const file = t === 'ssh-ed25519' ? 'ed25519' : t.startsWith('ecdsa-sha2-') ? 'ecdsa' : t === 'ssh-rsa' ? 'rsa' : t === 'ssh-dss' ? 'dsa' : '*';
  return `/etc/ssh/ssh_host_${file}_key.pub`;
}

/** Same text as connect.ts's hostPort(), without importing the SSH client here. */
function hostPortText(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
