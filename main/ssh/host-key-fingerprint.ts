import { createHash, timingSafeEqual } from 'node:crypto';

/** The host key a server offered, as an operator would see it from `ssh-keygen -lf`. */
export interface OfferedHostKey {
  /** OpenSSH format: "SHA256:" + unpadded base64 of sha256(key blob). */
  fingerprint: string;
  /** The algorithm named inside the blob, e.g. "ssh-ed25519"; "unknown" for a malformed blob. */
  keyType: string;
}

/**
 * OpenSSH's fingerprint of a public key blob (the wire-format key, i.e. the base64 field of a .pub
 * file decoded). Byte-identical to `ssh-keygen -lf`, so an operator can pin what they see there.
 */
export function hostKeyFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type is the first SSH string of the blob; parsed defensively because the server sent it. */
export function hostKeyType(blob: Uint8Array): string {
  if (blob.length < 4) return 'unknown';
  const len = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return 'unknown';
  const name = Buffer.from(blob.subarray(4, 4 + len)).toString('latin1');
  return /^[\w@.-]+$/.test(name) ? name : 'unknown';
}

export function describeHostKey(blob: Uint8Array): OfferedHostKey {
  return { fingerprint: hostKeyFingerprint(blob), keyType: hostKeyType(blob) };
}

/**
 * Compares two fingerprints without an early exit. Fingerprints are not secret, but pin checks are
 * the one place where an attacker controls one side, so there is no reason to leak timing.
 */
export function fingerprintsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; the length of a public fingerprint format is not a secret.
  return x.length === y.length && timingSafeEqual(x, y);
}
