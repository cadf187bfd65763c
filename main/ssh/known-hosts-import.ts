import { createHmac, timingSafeEqual } from 'node:crypto';
import { hostKeyFingerprint, hostKeyType } from './host-key-fingerprint.ts';
import { wildcardMatch } from '../core/wildcard-match.ts';

/**
 * Reads OpenSSH known_hosts text (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"):
 *
 *   [@marker] hostnames keytype base64-key [comment]
 *
 * hostnames is a comma-separated list of patterns (`*`, `?`, `!negation`, `[host]:port` for a port
 * other than 22) or one hashed name `|1|base64(salt)|base64(HMAC-SHA1(salt, name))` as written by
 * `ssh-keygen -H` / HashKnownHosts. Markers: `@cert-authority` (a CA key: not a host key, skipped by
 * lookups) and `@revoked` (this key must never be accepted). Pure text in, data out; nothing throws.
 */

export type KnownHostsMarker = 'cert-authority' | 'revoked';

export type KnownHostNames =
  | { kind: 'patterns'; patterns: string[] }
  | { kind: 'hashed'; salt: Buffer; hash: Buffer };

export interface KnownHostEntry {
  /** 1-based line in the text. */
  line: number;
  marker: KnownHostsMarker | null;
  hostNames: KnownHostNames;
  /** As in the line and inside the key blob (the two must agree), e.g. "ssh-ed25519". */
  keyType: string;
  /** OpenSSH format, as `ssh-keygen -lf` prints it: "SHA256:…". */
  fingerprint: string;
  comment: string;
}

export interface KnownHostsWarning {
  file: string;
  line: number;
  message: string;
}

/** A known_hosts key recorded for one host and port (CA lines excluded). */
export interface KnownHostKey {
  keyType: string;
  fingerprint: string;
  line: number;
  /** From an @revoked line: this key must be refused for the host, even if it is pinned. */
  revoked: boolean;
}

export interface ParsedKnownHosts {
  entries: KnownHostEntry[];
  warnings: KnownHostsWarning[];
}

const HASH_MAGIC = '|1|';
const SHA1_BYTES = 20;
const MAX_WARNINGS = 200;
/** Larger than any real host key blob (an RSA-16384 key is ~2 KB); bounds hashing of junk. */
const MAX_KEY_BLOB_BYTES = 16 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function parseKnownHosts(text: string, options: { file?: string } = {}): ParsedKnownHosts {
  const file = options.file ?? 'known_hosts';
  const entries: KnownHostEntry[] = [];
  const warnings: KnownHostsWarning[] = [];
  let dropped = 0;
  forEachLine(text, (raw, line) => {
    const r = parseLine(raw);
    if (r === null) return;
    if ('error' in r) {
      if (warnings.length < MAX_WARNINGS) warnings.push({ file, line, message: r.error });
      else dropped++;
      return;
    }
    entries.push({ ...r, line });
  });
  if (dropped > 0) warnings.push({ file, line: 0, message: `${dropped} more unreadable lines not listed` });
  return { entries, warnings };
}

/**
 * The keys known_hosts records for `host` on `port`, as `ssh <host> -p <port>` looks them up: the
 * name is "host" for port 22 and "[host]:port" otherwise, compared case-insensitively with patterns
 * and hashed names. @cert-authority lines are skipped; @revoked ones come back with revoked: true.
 * Unreadable lines are skipped (parseKnownHosts reports them).
 */
export function findKnownHostKeys(knownHostsText: string, host: string, port: number): KnownHostKey[] {
  const name = knownHostsName(host, port);
  const found: KnownHostKey[] = [];
  forEachLine(knownHostsText, (raw, line) => {
    const r = parseLine(raw, name);
    if (r === null || 'error' in r || r.marker === 'cert-authority') return;
    found.push({ keyType: r.keyType, fingerprint: r.fingerprint, line, revoked: r.marker === 'revoked' });
  });
  return found;
}

/** The name OpenSSH looks a host up under: "host" on port 22, "[host]:port" elsewhere; lowercased. */
export function knownHostsName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 || port === 0 ? h : `[${h}]:${port}`;
}

/**
 * Whether a hashed entry (or a hashed hostnames field "|1|salt|hash") is for `hostname` on `port`:
 * HMAC-SHA1 keyed with the salt over knownHostsName(hostname, port). False for non-hashed entries.
 */
export function matchHashed(entry: KnownHostEntry | string, hostname: string, port: number): boolean {
  const names = typeof entry === 'string' ? parseHashed(entry) : entry.hostNames;
  if (names === null || 'error' in names || names.kind !== 'hashed') return false;
  return hashedMatches(names, knownHostsName(hostname, port));
}

/** Whether an entry's hostnames field covers `host` on `port` (patterns, negations or hash). */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  return namesMatch(entry.hostNames, knownHostsName(host, port));
}

/** The hashed form ssh-keygen -H writes for a name, with a given 20-byte salt (for tests and export). */
export function hashKnownHostName(name: string, salt: Buffer): string {
  const hash = createHmac('sha1', salt).update(name, 'utf8').digest();
  return `${HASH_MAGIC}${salt.toString('base64')}|${hash.toString('base64')}`;
}

// ---------------------------------------------------------------------------------------------

function forEachLine(text: string, visit: (raw: string, line: number) => void): void {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    visit(text.slice(start, end), line);
    start = end + 1;
  }
}

type LineParse = Omit<KnownHostEntry, 'line'> | { error: string } | null;

/**
 * One line: null for blanks and comments (and, with `onlyFor`, for entries that are not for that
 * name: the key is then never decoded), an error for an unreadable line.
 */
function parseLine(raw: string, onlyFor?: string): LineParse {
  const text = raw.replace(/^[ \t]+/, '').replace(/[ \t\r]+$/, '');
  if (text === '' || text.startsWith('#')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f\ufffd]/.test(text)) return { error: 'unreadable characters (binary data?); line skipped' };
  const fields = text.split(/[ \t]+/);
  let marker: KnownHostsMarker | null = null;
  if (fields[0]!.startsWith('@')) {
    const m = fields.shift()!;
    if (m === '@cert-authority') marker = 'cert-authority';
    else if (m === '@revoked') marker = 'revoked';
    else return { error: `unknown marker ${clip(m)}; line skipped` };
  }
  const [hostField, keyType, keyField, ...rest] = fields;
  if (hostField === undefined || keyType === undefined) return { error: 'no key on this line; line skipped' };
  const names = hostField.startsWith(HASH_MAGIC) ? parseHashed(hostField) : parsePatterns(hostField);
  if (names === null || 'error' in names) return { error: names?.error ?? 'bad host names; line skipped' };
  if (onlyFor !== undefined && !namesMatch(names, onlyFor)) return null;
  if (/^\d+$/.test(keyType)) return { error: 'an SSH-1 RSA key (protocol 1 is long gone); line skipped' };
  if (keyField === undefined) return { error: `no key data after ${clip(keyType)}; line skipped` };
  if (!BASE64.test(keyField) || keyField.length % 4 !== 0) return { error: 'key is not valid base64; line skipped' };
  const blob = Buffer.from(keyField, 'base64');
  if (blob.length === 0 || blob.length > MAX_KEY_BLOB_BYTES) return { error: 'key has an impossible size; line skipped' };
  const inBlob = hostKeyType(blob);
  if (inBlob !== keyType) {
    return { error: `key type ${clip(keyType)} does not match the key data (${inBlob === 'unknown' ? 'not an SSH key' : inBlob}); line skipped` };
  }
  return { marker, hostNames: names, keyType, fingerprint: hostKeyFingerprint(blob), comment: rest.join(' ') };
}

function parsePatterns(field: string): KnownHostNames | { error: string } {
  const patterns = field.split(',');
  if (patterns.some((p) => p === '' || p === '!')) return { error: 'empty host name in the list; line skipped' };
  return { kind: 'patterns', patterns };
}

function parseHashed(field: string): KnownHostNames | { error: string } | null {
  if (!field.startsWith(HASH_MAGIC)) return null;
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2 || !parts.every((p) => BASE64.test(p) && p.length % 4 === 0)) {
    return { error: 'hashed host name is not |1|salt|hash; line skipped' };
  }
  const salt = Buffer.from(parts[0]!, 'base64');
  const hash = Buffer.from(parts[1]!, 'base64');
  if (salt.length !== SHA1_BYTES || hash.length !== SHA1_BYTES) return { error: 'hashed host name has a wrong salt or hash size; line skipped' };
  return { kind: 'hashed', salt, hash };
}

function namesMatch(names: KnownHostNames, name: string): boolean {
  return names.kind === 'hashed' ? hashedMatches(names, name) : patternListMatches(name, names.patterns);
}

function hashedMatches(names: { salt: Buffer; hash: Buffer }, name: string): boolean {
  const mac = createHmac('sha1', names.salt).update(name, 'utf8').digest();
  return timingSafeEqual(mac, names.hash);
}

/** OpenSSH's match_hostname: a negated match excludes, otherwise any positive match; case-insensitive. */
function patternListMatches(name: string, patterns: string[]): boolean {
  const n = name.toLowerCase();
  let positive = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const p = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!wildcardMatch(n, p)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
