import net from 'node:net';
import tls, { type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { daysFromMs, hasCertificate, msUntilExpiry, summarize, trustStore, verifyErrorText, type CertSummary } from './certificates.ts';
import { roundMs, startDeadline, type Deadline } from './deadline.ts';
import { describeError } from './error-text.ts';
import { hostPort } from './tcp-connect.ts';

const MAX_CHAIN = 10;

/**
 * A TLS handshake that accepts any certificate so that it can report on a bad one: the chain's
 * trust and the hostname match are judged separately and both go into CERTIFICATE_VALID.
 */
export const tlsCheck: CheckKind<'tls'> = {
  kind: 'tls',
  defaultConditions: ['[CONNECTED] == true', '[CERTIFICATE_VALID] == true', '[CERTIFICATE_EXPIRATION] > 14d'],
  describe: (target) => hostPort(target.host, target.port) + (target.servername ? ` (${target.servername})` : ''),
  async run(target, ctx) {
    const deadline = startDeadline(ctx);
    try {
      const trust = await trustStore(target.caFile);
      if ('error' in trust) return unreached(trust.error, { error: trust.error });
      const shake = await handshake(target, trust.ca, deadline);
      if (!shake.ok) return unreached(shake.error, { error: shake.error });
      return report(target, shake);
    } finally {
      deadline.dispose();
    }
  },
};

interface Handshake {
  ok: true;
  ms: number;
  cert: DetailedPeerCertificate | null;
  authorized: boolean;
  authorizationError: unknown;
  protocol: string | null;
}

function handshake(target: TargetOf<'tls'>, ca: string[] | undefined, deadline: Deadline): Promise<Handshake | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const onAbortMessage = () => `TLS handshake with ${hostPort(target.host, target.port)}: ${deadline.reason}`;
    // tls.connect opens the TCP connection at once: do not even start when already aborted.
    if (deadline.signal.aborted) return resolve({ ok: false, error: onAbortMessage() });
    let socket: TLSSocket;
    try {
      socket = tls.connect({
        host: target.host,
        port: target.port,
        // SNI may not carry an IP address (RFC 6066).
        servername: target.servername ?? (net.isIP(target.host) ? undefined : target.host),
        ca,
        rejectUnauthorized: false,
        // The hostname is checked in report(), so that `authorized` speaks about the chain alone.
        checkServerIdentity: () => undefined,
      });
    } catch (err) {
      // Building the secure context throws synchronously on bad input; that is a result, not a crash.
      return resolve({ ok: false, error: `TLS setup failed: ${describeError(err)}` });
    }
    let settled = false;
    const finish = (r: Handshake | { ok: false; error: string }) => {
      if (settled) return;
      settled = true;
      deadline.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish({ ok: false, error: onAbortMessage() });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      finish({
        ok: true,
        ms: roundMs(performance.now() - started),
        cert: hasCertificate(cert) ? cert : null,
        authorized: socket.authorized,
        authorizationError: socket.authorizationError,
        protocol: socket.getProtocol(),
      });
    });
    socket.on('error', (err) => finish({ ok: false, error: `TLS handshake failed: ${describeError(err)}` }));
    deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function report(target: TargetOf<'tls'>, shake: Handshake): CheckResult {
  const { cert } = shake;
  if (!cert) {
    const message = 'the server completed the handshake without a certificate';
    return {
      reached: true,
      latencyMs: shake.ms,
      message,
      observation: { CONNECTED: true, CERTIFICATE_VALID: false, CERTIFICATE_EXPIRATION: null, RESPONSE_TIME: shake.ms },
      evidence: { chain: [], authorized: false, authorizationError: message, hostnameMatches: false, protocol: shake.protocol },
    };
  }
  const name = target.servername ?? target.host;
  const mismatch = tls.checkServerIdentity(name, cert);
  const hostnameMatches = mismatch === undefined;
  const untrusted = shake.authorized ? null : verifyErrorText(shake.authorizationError);
  const valid = shake.authorized && hostnameMatches;
  const expiresInMs = msUntilExpiry(cert);
  const daysLeft = daysFromMs(expiresInMs);
  const leaf = summarize(cert);
  const problems = [untrusted && `not trusted: ${untrusted}`, mismatch && `${mismatch.message}`].filter(Boolean);
  const when = expiresInMs >= 0 ? `expires in ${daysLeft} days` : `expired ${-daysLeft} days ago`;
  return {
    reached: true,
    latencyMs: shake.ms,
    message: valid ? `certificate valid, ${when} (${leaf.subject}; issuer ${leaf.issuer})` : `certificate invalid: ${problems.join('; ')} (${when})`,
    observation: { CONNECTED: true, CERTIFICATE_VALID: valid, CERTIFICATE_EXPIRATION: expiresInMs, RESPONSE_TIME: shake.ms },
    evidence: {
      chain: chainOf(cert),
      daysLeft,
      hostnameMatches,
      hostnameError: mismatch ? mismatch.message : null,
      authorized: shake.authorized,
      authorizationError: untrusted,
      issuer: leaf.issuer,
      protocol: shake.protocol,
      handshakeMs: shake.ms,
    },
  };
}

/** Leaf first, then each issuer the server sent; a self-signed root points at itself. */
function chainOf(leaf: DetailedPeerCertificate): CertSummary[] {
  const chain: CertSummary[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert && hasCertificate(cert) && !seen.has(cert.fingerprint256) && chain.length < MAX_CHAIN) {
    seen.add(cert.fingerprint256);
    chain.push(summarize(cert));
    cert = cert.issuerCertificate;
  }
  return chain;
}

function unreached(message: string, evidence: Record<string, unknown>): CheckResult {
  return {
    reached: false,
    latencyMs: null,
    message,
    observation: { CONNECTED: false, CERTIFICATE_VALID: false, CERTIFICATE_EXPIRATION: null, RESPONSE_TIME: null },
    evidence,
  };
}
