import { X509Certificate } from 'node:crypto';
import tls, { type PeerCertificate } from 'node:tls';
import { CONFIG } from '../../core/config.ts';
import { FileReadError, readRegularText } from '../../core/read-file-safely.ts';
import { describeError } from './error-text.ts';

const DAY_MS = 86_400_000;

/**
 * The trust store for a connection: Node's bundled roots plus the monitor's own CA file. Passing
 * only the file as `ca` would silently stop trusting every public CA.
 */
export async function trustStore(caFile: string | undefined): Promise<{ ca: string[] | undefined } | { error: string }> {
  if (!caFile) return { ca: undefined };
  try {
    // A FIFO or a device named here must neither stall the check nor be read without end.
    const pem = await readRegularText(caFile, { maxBytes: CONFIG.files.caFileBytes, label: 'caFile' });
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) return { error: `caFile ${caFile} holds no PEM certificate` };
    // OpenSSL skips a certificate it cannot parse without a word; say so instead of "not trusted".
    for (const [i, block] of blocks.entries()) {
      try {
        new X509Certificate(block);
      } catch (err) {
        return { error: `caFile ${caFile}: certificate ${i + 1} cannot be parsed (${describeError(err)})` };
      }
    }
    return { ca: [...tls.rootCertificates, ...blocks] };
  } catch (err) {
    if (err instanceof FileReadError) return { error: err.code === 'NOT_FOUND' ? `cannot read caFile: ENOENT (${caFile} does not exist)` : err.message };
    return { error: `cannot read caFile: ${describeError(err)}` };
  }
}

/** "CN=localhost, O=Acme": the fields in the certificate's order, repeated ones joined with "+". */
export function distinguishedName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

export interface CertSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

export function summarize(cert: PeerCertificate): CertSummary {
  return {
    subject: distinguishedName(cert.subject as unknown as Record<string, string | string[]>),
    issuer: distinguishedName(cert.issuer as unknown as Record<string, string | string[]>),
    validFrom: isoDate(cert.valid_from),
    validTo: isoDate(cert.valid_to),
    fingerprint256: cert.fingerprint256,
  };
}

/** Milliseconds from now until the certificate's notAfter; negative once it has expired. */
export function msUntilExpiry(cert: PeerCertificate, now = Date.now()): number {
  return Date.parse(cert.valid_to) - now;
}

export function daysFromMs(ms: number): number {
  return Math.round((ms / DAY_MS) * 10) / 10;
}

/** A peer certificate object is empty ({}) when the peer sent none. */
export function hasCertificate(cert: PeerCertificate | null | undefined): cert is PeerCertificate {
  return !!cert && typeof cert.valid_to === 'string';
}

function isoDate(openssl: string): string {
  const t = Date.parse(openssl);
  return Number.isFinite(t) ? new Date(t).toISOString() : openssl;
}

/**
 * Node reports a failed chain verification as OpenSSL's code only (socket.authorizationError);
 * these are OpenSSL's own wordings for the common ones, so a result reads the same whether it came
 * from this check or from an https request.
 */
const VERIFY_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  CERT_REVOKED: 'certificate revoked',
  INVALID_CA: 'invalid CA certificate',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_REJECTED: 'certificate rejected',
  HOSTNAME_MISMATCH: 'hostname mismatch',
};

export function verifyErrorText(code: unknown): string {
  if (code instanceof Error) return describeError(code);
  if (typeof code !== 'string') return 'certificate not trusted';
  return VERIFY_ERRORS[code] ?? code;
}
