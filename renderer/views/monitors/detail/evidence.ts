const DAY = 86_400_000;
const MAX_DEPTH = 4;
const MAX_ITEMS = 20;

export interface EvidenceLine {
  key: string;
  value: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * A check's evidence (any JSON) as "key: value" lines with dotted paths, e.g. "tls.validTo".
 * Lists of plain values are joined; lists of objects are numbered; very deep or long data is cut
 * and says so, since the block is for reading, not for archiving.
 */
export function flattenEvidence(evidence: Record<string, unknown>): EvidenceLine[] {
  const out: EvidenceLine[] = [];
  const walk = (value: unknown, key: string, depth: number) => {
    if (Array.isArray(value)) {
      if (value.length === 0) return out.push({ key, value: '(none)' });
      if (value.every((v) => !isRecord(v) && !Array.isArray(v))) return out.push({ key, value: value.map(scalar).join(', ') });
      value.slice(0, MAX_ITEMS).forEach((v, i) => walk(v, `${key}[${i}]`, depth + 1));
      if (value.length > MAX_ITEMS) out.push({ key: `${key}[…]`, value: `${value.length - MAX_ITEMS} more not shown` });
      return;
    }
    if (isRecord(value)) {
      if (depth >= MAX_DEPTH) return out.push({ key, value: JSON.stringify(value) });
      const entries = Object.entries(value);
      if (entries.length === 0) return out.push({ key, value: '(none)' });
      for (const [k, v] of entries) walk(v, key === '' ? k : `${key}.${k}`, depth + 1);
      return;
    }
    out.push({ key, value: scalar(value) });
  };
  walk(evidence, '', 0);
  return out;
}

export interface CertificateFacts {
  daysLeft: number;
  /** ISO date the certificate expires, when the evidence names it. */
  validTo: string | null;
}

/** Days until the certificate expires, from a tls check (daysLeft) or an https check (tls.validTo, counted from when it was seen). */
export function certificateFacts(evidence: Record<string, unknown>, measuredAt: number): CertificateFacts | null {
  const tls = isRecord(evidence.tls) ? evidence.tls : null;
  const chain = Array.isArray(evidence.chain) && isRecord(evidence.chain[0]) ? evidence.chain[0] : null;
  const validToRaw = tls?.validTo ?? chain?.validTo;
  const validTo = typeof validToRaw === 'string' ? validToRaw : null;
  if (typeof evidence.daysLeft === 'number') return { daysLeft: evidence.daysLeft, validTo };
  if (tls && typeof tls.daysLeft === 'number') return { daysLeft: tls.daysLeft, validTo };
  if (validTo !== null) {
    const ms = Date.parse(validTo);
    if (!Number.isNaN(ms)) return { daysLeft: Math.floor((ms - measuredAt) / DAY), validTo };
  }
  return null;
}
