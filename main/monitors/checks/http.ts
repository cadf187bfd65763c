import type { IncomingHttpHeaders } from 'node:http';
import type { CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { daysFromMs, msUntilExpiry, summarize, trustStore, verifyErrorText } from './certificates.ts';
import { roundMs, startDeadline, type Deadline } from './deadline.ts';
import { describeError, errorCode } from './error-text.ts';
import { BODY_CAP_BYTES, exchange, type Exchange, type TlsPeer } from './http-exchange.ts';

export const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Credentials meant for one origin must not be handed to another by a redirect. */
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
/** What the evidence keeps of the response headers: useful to a person, never a secret (no set-cookie). */
const EVIDENCE_HEADERS = [
  'content-type',
  'content-length',
  'server',
  'location',
  'cache-control',
  'strict-transport-security',
  'content-security-policy',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'permissions-policy',
];
const USER_AGENT = 'PhotonConsole/0.1 (monitor)';

/** Node's codes for a certificate that failed verification, as opposed to a network failure. */
const TLS_VERIFY_CODES = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

interface Hop {
  url: string;
  status: number;
  location: string;
}

export const httpCheck: CheckKind<'http'> = {
  kind: 'http',
  defaultConditions: ['[STATUS] < 400'],
  describe: (target) => `${target.method} ${withoutCredentials(target.url)}`,
  async run(target, ctx) {
    const deadline = startDeadline(ctx);
    try {
      const trust = await trustStore(target.caFile);
      if ('error' in trust) return unreached(trust.error, { url: withoutCredentials(target.url), error: trust.error });
      return await follow(target, trust.ca, deadline);
    } finally {
      deadline.dispose();
    }
  },
};

async function follow(target: TargetOf<'http'>, ca: string[] | undefined, deadline: Deadline): Promise<CheckResult> {
  const started = performance.now();
  const redirects: Hop[] = [];
  let url = new URL(target.url);
  let method: string = target.method;
  let body = target.body;
  let headers = requestHeaders(target.headers);
  for (;;) {
    const willFollow = (status: number, h: IncomingHttpHeaders) => target.followRedirects && REDIRECT_STATUSES.has(status) && !!h.location;
    const ex = await exchange(
      { url, method, headers, body, verifyTls: target.verifyTls, ca, readBody: (s, h) => method !== 'HEAD' && !willFollow(s, h) },
      deadline.signal,
      () => deadline.reason,
    );
    if (!ex.ok) return failed(`${method} ${shown(url)}`, ex.error, redirects);
    const location = ex.headers.location;
    if (!willFollow(ex.status, ex.headers) || !location) return answered(target, url, ex, redirects, performance.now() - started);

    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      return unreached(`cannot follow the redirect from ${shown(url)}: bad Location ${JSON.stringify(location)}`, { redirects });
    }
    redirects.push({ url: shown(url), status: ex.status, location: shown(next) });
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return unreached(`cannot follow the redirect from ${shown(url)} to ${next.protocol} URL ${shown(next)}`, { redirects });
    }
    if (redirects.length > MAX_REDIRECTS) {
      redirects.pop();
      return {
        ...unreached(`stopped after ${MAX_REDIRECTS} redirects (a loop?): ${shown(url)} redirects again to ${shown(next)}`, {
          redirects,
          status: ex.status,
        }),
        observation: { CONNECTED: true, STATUS: ex.status, RESPONSE_TIME: null, BODY: '' },
      };
    }
    // Browsers' rules: 303 always, and 301/302 after a POST, continue as GET without the body.
    if (ex.status === 303 ? method !== 'HEAD' : (ex.status === 301 || ex.status === 302) && method === 'POST') {
      method = 'GET';
      body = undefined;
      headers = without(headers, ['content-type', 'content-length']);
    }
    if (next.origin !== url.origin) headers = without(headers, ORIGIN_BOUND_HEADERS);
    url = next;
  }
}

function answered(target: TargetOf<'http'>, url: URL, ex: Extract<Exchange, { ok: true }>, redirects: Hop[], elapsedMs: number): CheckResult {
  const totalMs = roundMs(elapsedMs);
  const tls = ex.tls ? tlsEvidence(ex.tls) : null;
  const after = redirects.length > 0 ? ` after ${redirects.length} redirect${redirects.length === 1 ? '' : 's'}` : '';
  const cut = ex.truncated ? `, body cut at ${BODY_CAP_BYTES / 1024 / 1024} MiB` : '';
  const unverified = url.protocol === 'https:' && !target.verifyTls ? ' (TLS not verified)' : '';
  return {
    reached: true,
    latencyMs: totalMs,
    message: `HTTP ${ex.status} in ${totalMs} ms${after}${cut}${unverified}`,
    observation: {
      CONNECTED: true,
      STATUS: ex.status,
      RESPONSE_TIME: totalMs,
      BODY: ex.body.toString('utf8'),
      ...(ex.tls ? { CERTIFICATE_EXPIRATION: msUntilExpiry(ex.tls.cert) } : {}),
    },
    evidence: {
      url: withoutCredentials(target.url),
      finalUrl: shown(url),
      method: target.method,
      status: ex.status,
      headers: pickHeaders(ex.headers),
      redirects,
      bodyBytes: ex.body.length,
      truncated: ex.truncated,
      headersMs: ex.headersMs,
      totalMs,
      verifyTls: target.verifyTls,
      tls,
    },
  };
}

function tlsEvidence(peer: TlsPeer): Record<string, unknown> {
  const leaf = summarize(peer.cert);
  return {
    subject: leaf.subject,
    issuer: leaf.issuer,
    validFrom: leaf.validFrom,
    validTo: leaf.validTo,
    daysLeft: daysFromMs(msUntilExpiry(peer.cert)),
    protocol: peer.protocol,
    // With verifyTls off the request goes ahead, but the evidence still says whether it would have passed.
    authorized: peer.authorized,
    authorizationError: peer.authorized ? null : verifyErrorText(peer.authorizationError),
  };
}

function failed(request: string, error: unknown, redirects: Hop[]): CheckResult {
  const code = errorCode(error);
  const reason = describeError(error);
  const message = code && TLS_VERIFY_CODES.has(code) ? `TLS certificate rejected: ${reason}` : `${request}: ${reason}`;
  return unreached(message, { request, error: reason, code: code ?? null, redirects });
}

function unreached(message: string, evidence: Record<string, unknown>): CheckResult {
  return { reached: false, latencyMs: null, message, observation: { CONNECTED: false, RESPONSE_TIME: null }, evidence };
}

function requestHeaders(configured: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  for (const [name, value] of Object.entries(configured)) headers[name.toLowerCase()] = value;
  return headers;
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
}

function pickHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of EVIDENCE_HEADERS) {
    const v = headers[name];
    if (v === undefined) continue;
    const text = Array.isArray(v) ? v.join(', ') : v;
    picked[name] = text.length > 512 ? `${text.slice(0, 511)}…` : text;
  }
  return picked;
}

/** The URL as lists, alerts and the CLI show it: a user or password written into it stays out. */
export function withoutCredentials(url: string): string {
  return shown(new URL(url));
}

/** Messages and evidence are stored and shown, so they name a URL without its user and password. */
function shown(url: URL): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.toString();
}
