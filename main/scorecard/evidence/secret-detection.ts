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
  // Known formats first; placeholder words are tested on the secret part only (the password of a
  // connection string, the key itself), so "db.example.com" in a URL does not excuse its password.
  for (const p of PATTERNS) {
    const m = p.re.exec(value);
    if (!m) continue;
    if (isPlaceholder(m[1] ?? m[0])) continue;
    return `matches the ${p.name} format`;
  }
  if (isPlaceholder(value)) return null;
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
    const m = p.re.exec(line);
    if (m && !isPlaceholder(m[0])) return p.name;
  }
  return null;
}

/** Whether a whole text may hold a known secret format: a cheap test before scanning it line by line. */
export function mayHoldSecret(text: string): boolean {
  return PATTERNS.some((p) => !p.name.startsWith('connection string') && p.name !== 'JSON Web Token' && p.re.test(text));
}

/** Names of keys, variables and flags whose value is a secret whatever it looks like. */
export function isSecretName(raw: string): boolean {
  const name = raw.replace(/[-.]/g, '_');
  return SECRET_NAME.test(name) || /PASSPHRASE|ACCESS_?KEY|CREDENTIAL|(?:^|[_.-])PASS$/i.test(name) || /[a-z0-9]Key$/.test(name);
}

const REDACTED = '[redacted]';
/** Values that name a secret rather than hold it: $VAR, ${VAR}, process.env.X, an earlier redaction. */
const REFERENCE = /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_][A-Za-z0-9_]*%|(?:process\.env|import\.meta\.env)\b.*|\[redacted[^\]]*\]|true|false|null|undefined)$/;
const QUOTED = /^(["'`])([\s\S]*)\1$/;
/** KEY=value, KEY: value, "key": "value", key := value (the name may be quoted). */
const KEYED = /(["']?)\b([A-Za-z_][A-Za-z0-9_.-]{0,100})\1(\s*(?::=|[:=])\s*)(\$\{[^}\s]*\}|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`|[^\s,;'"`(){}[\]]+)/g;
/** --password value, --token=value. */
const FLAG = /(--?([A-Za-z][A-Za-z0-9-]{0,100}))(=|\s+)(\$\{[^}\s]*\}|"[^"]*"|'[^']*'|[^\s'"`-][^\s'"`]*)/g;
/** process.env.JWT_SECRET || 'fallback' (and ??): the fallback is a literal secret. */
const ENV_FALLBACK = /(process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])\s*(?:\|\||\?\?)\s*)(["'`])((?:(?!\4)[^\\\n]|\\.)*)\4/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@'"`]{0,256}:)([^\s@/'"`]{1,256})@/gi;
// Every quantifier that can start at many positions is bounded: report text stays linear to redact.
const BEARER = /\b(Bearer\s+)([^\s'"`,;]+)/gi;

/**
 * Text that goes into a report (a script's command, a matched line, a Dockerfile ENV, a problem)
 * with every secret-looking value replaced: known key formats, the value of any key, variable or
 * flag whose name says secret (PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL…) whatever its entropy,
 * bearer tokens and URL passwords. A key pasted into package.json must not travel on into exports
 * and code scanning.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const p of PATTERNS) {
    if (p.name.startsWith('connection string')) continue; // URL_PASSWORD below keeps the rest of the URL
    out = out.replace(new RegExp(p.re.source, p.re.flags.includes('g') ? p.re.flags : p.re.flags + 'g'), `[redacted ${p.name}]`);
  }
  out = out.replace(URL_PASSWORD, (whole, head: string, password: string) => (REFERENCE.test(password) ? whole : `${head}${REDACTED}@`));
  out = out.replace(BEARER, (whole, head: string, token: string) => (REFERENCE.test(token) ? whole : `${head}${REDACTED}`));
  out = out.replace(ENV_FALLBACK, (whole, head: string, dotted: string | undefined, bracketed: string | undefined, quote: string, value: string) =>
    isSecretName(dotted ?? bracketed ?? '') && value !== '' ? `${head}${quote}${REDACTED}${quote}` : whole,
  );
  out = out.replace(FLAG, (whole, flag: string, name: string, sep: string, value: string) => (isSecretName(name.replace(/-/g, '_')) && !REFERENCE.test(unquote(value)) ? `${flag}${sep}${requote(value)}` : whole));
  out = out.replace(KEYED, (whole, q: string, name: string, sep: string, value: string, offset: number, all: string) => {
    if (!isSecretName(name)) return whole;
    const inner = unquote(value);
    // A call (password: z.string()) or a reference is code, not a secret.
    if (inner === '' || REFERENCE.test(inner) || (!QUOTED.test(value) && all[offset + whole.length] === '(')) return whole;
    return `${q}${name}${q}${sep}${requote(value)}`;
  });
  return out;
}

const unquote = (value: string) => QUOTED.exec(value)?.[2] ?? value;
const requote = (value: string) => {
  const q = QUOTED.exec(value)?.[1];
  return q ? `${q}${REDACTED}${q}` : REDACTED;
};
