/**
 * Telling a real secret from a stand-in without ever echoing it: known key formats first, then
 * entropy for values of keys whose names say they are secrets. Results name the pattern, never
 * the value.
 */

const PATTERNS: Array<{ name: string; re: RegExp }> = [
  { name: 'AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { name: 'Stripe live secret key', re: /\b[rs]k_live_[0-9A-Za-z]{20,}\b/ },
  { name: 'Stripe test secret key', re: /\bsk_test_[0-9A-Za-z]{20,}\b/ },
  { name: 'GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}\b|\bgithub_pat_[0-9A-Za-z_]{40,}\b/ },
  { name: 'Slack token', re: /\bxox[abprs]-[0-9A-Za-z-]{10,}\b/ },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'SendGrid API key', re: /\bSG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}\b/ },
  { name: 'private key', re: /-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----/ },
  { name: 'JSON Web Token', re: /\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}/ },
  { name: 'connection string with a password', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/]{6,})@/i },
];

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE|CREDENTIAL|(?:^|_)KEY$|_DSN$/i;

const PLACEHOLDER = [
  /^$/,
  /^<.*>$/,
  /^\[.*\]$/,
  /^\{\{.*\}\}$/,
  /^\$\{.*\}$/,
  /^(.)\1*$/, // xxxxxxxx, ********, 00000000
  /your[-_ ]?/i,
  /change[-_ ]?me/i,
  /replace[-_ ]?(?:me|this|with)/i,
  /placeholder/i,
  /example/i,
  /dummy/i,
  /^(?:todo|tbd|none|null|secret|password|changeit|test|dev|local)$/i,
  /here$/i,
  /\.\.\.$/,
  /^x{3,}/i,
];

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.some((re) => re.test(value.trim()));
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Why `value` (of env key `key`) looks like a real secret, or null when it does not. */
export function secretFinding(key: string, value: string): string | null {
  if (isPlaceholder(value)) return null;
  for (const p of PATTERNS) {
    const m = p.re.exec(value);
    if (!m) continue;
    // A connection string whose password part is itself a stand-in (postgres://user:password@…) is a template.
    if (p.name.startsWith('connection string') && isPlaceholder(m[1]!)) continue;
    return `matches the ${p.name} format`;
  }
  if (SECRET_NAME.test(key) && value.length >= 16 && !/\s/.test(value)) {
    const h = entropy(value);
    if (h >= 3.5) return `random-looking value for a secret-named key (${value.length} characters, entropy ${h.toFixed(1)} bits/char)`;
  }
  return null;
}

/** Known secret formats anywhere in a line of source (entropy is left out: code is full of long identifiers). */
export function secretPatternIn(line: string): string | null {
  for (const p of PATTERNS) {
    if (p.name.startsWith('connection string') || p.name === 'JSON Web Token') continue;
    if (p.re.test(line)) return p.name;
  }
  return null;
}

const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g;

/**
 * Text that goes into a report (a script's command, a matched line) with every secret-looking value
 * replaced: a key pasted into package.json must not travel on into exports and code scanning.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const p of PATTERNS) out = out.replace(new RegExp(p.re.source, p.re.flags.includes('g') ? p.re.flags : p.re.flags + 'g'), `[redacted ${p.name}]`);
  return out.replace(ASSIGNMENT, (whole, key: string, raw: string) => (secretFinding(key, raw.replace(/^(['"])(.*)\1$/, '$2')) ? `${key}=[redacted]` : whole));
}
