import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import type { CheckKind, CheckResult, TargetOf } from './check-kind.ts';
import { roundMs, startDeadline, type Deadline } from './deadline.ts';
import { describeError, errorCode } from './error-text.ts';

type RecordType = TargetOf<'dns'>['recordType'];

/** Response codes the server itself gave: an answer, even a negative one, proves it is up. */
const RCODE_OF_ERROR: Record<string, string> = {
  ENODATA: 'NOERROR', // the name exists, it just has no record of this type
  ENOTFOUND: 'NXDOMAIN',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  EFORMERR: 'FORMERR',
  ENOTIMP: 'NOTIMP',
};

/**
 * The DNS response code behind a c-ares error, or null when no server answered (timeout, network
 * error, cancelled). Exported for the SERVFAIL/FORMERR cases that no test server produces on demand.
 */
export function rcodeOfError(code: string | undefined): string | null {
  return code !== undefined && Object.hasOwn(RCODE_OF_ERROR, code) ? RCODE_OF_ERROR[code]! : null;
}

/**
 * One query of one record type, straight to the configured resolver (or the system's), without
 * the OS's hosts file or cache: this is how SPF, DKIM and DMARC TXT records are watched.
 */
export const dnsCheck: CheckKind<'dns'> = {
  kind: 'dns',
  // A NOERROR reply with no records (the record was deleted) must fail too.
  defaultConditions: ['[DNS_RCODE] == NOERROR', 'len([BODY]) > 0'],
  describe: (target) => `${target.recordType} ${target.query}${target.resolver ? ` @${target.resolver}` : ''}`,
  async run(target, ctx) {
    const deadline = startDeadline(ctx);
    try {
      return await query(target, deadline);
    } finally {
      deadline.dispose();
    }
  },
};

async function query(target: TargetOf<'dns'>, deadline: Deadline): Promise<CheckResult> {
  const via = target.resolver ?? 'the system resolver';
  // Two tries (UDP loses packets); c-ares doubles the wait on the retry, so a third of the budget
  // for the first lets both fit. The deadline still cancels whatever is left.
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(deadline.remainingMs() / 3)), tries: 2 });
  if (target.resolver) {
    const server = resolverAddress(target.resolver);
    if (!server) return unreached(`resolver must be "ip" or "ip:port", got ${JSON.stringify(target.resolver)}`, target, via);
    resolver.setServers([server]);
  }
  if (deadline.signal.aborted) return unreached(`${target.recordType} ${target.query} via ${via}: ${deadline.reason}`, target, via);
  const cancel = () => resolver.cancel();
  deadline.signal.addEventListener('abort', cancel, { once: true });
  const started = performance.now();
  try {
    const answers = await lookup(resolver, target.query, target.recordType);
    return answered(target, via, 'NOERROR', answers, roundMs(performance.now() - started));
  } catch (err) {
    const ms = roundMs(performance.now() - started);
    if (deadline.signal.aborted) return unreached(`${target.recordType} ${target.query} via ${via}: ${deadline.reason}`, target, via);
    const code = errorCode(err);
    const rcode = rcodeOfError(code);
    if (rcode) return answered(target, via, rcode, [], ms);
    return unreached(`${target.recordType} ${target.query} via ${via}: ${describeError(err)}`, target, via);
  } finally {
    deadline.signal.removeEventListener('abort', cancel);
  }
}

/** Answers as text, one record per line: TXT strings joined (a long SPF record arrives in chunks), MX as "priority host". */
async function lookup(resolver: Resolver, name: string, type: RecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'MX':
      return (await resolver.resolveMx(name)).sort((a, b) => a.priority - b.priority).map((mx) => `${mx.priority} ${mx.exchange}`);
  }
}

function answered(target: TargetOf<'dns'>, via: string, rcode: string, answers: string[], ms: number): CheckResult {
  const isAddress = target.recordType === 'A' || target.recordType === 'AAAA';
  const what = answers.length === 0 ? 'no records' : answers.length === 1 ? '1 record' : `${answers.length} records`;
  return {
    reached: true,
    latencyMs: ms,
    message: `${target.recordType} ${target.query}: ${rcode}, ${what} in ${ms} ms`,
    observation: {
      CONNECTED: true,
      DNS_RCODE: rcode,
      BODY: answers.join('\n'),
      RESPONSE_TIME: ms,
      ...(isAddress ? { IP: answers[0] ?? null } : {}),
    },
    evidence: { query: target.query, recordType: target.recordType, resolver: via, rcode, answers: answers.slice(0, 50).map((a) => (a.length > 300 ? `${a.slice(0, 299)}…` : a)), answerCount: answers.length },
  };
}

function unreached(message: string, target: TargetOf<'dns'>, via: string): CheckResult {
  return {
    reached: false,
    latencyMs: null,
    message,
    observation: { CONNECTED: false, DNS_RCODE: null, RESPONSE_TIME: null },
    evidence: { query: target.query, recordType: target.recordType, resolver: via, error: message },
  };
}

/** "ip", "ip:port", "[v6]" or "[v6]:port" → what Resolver#setServers accepts; null when malformed. */
export function resolverAddress(text: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
  const [ip, port] = bracketed ? [bracketed[1]!, bracketed[2]] : v4 ? [v4[1]!, v4[2]] : [text, undefined];
  if (!net.isIP(ip)) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  const host = net.isIPv6(ip) ? `[${ip}]` : ip;
  return port === undefined ? ip : `${host}:${port}`;
}
