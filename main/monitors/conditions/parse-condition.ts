/**
 * Gatus-style condition strings: `[STATUS] == 200`, `[RESPONSE_TIME] < 300`,
 * `[CERTIFICATE_EXPIRATION] > 14d`, `[BODY].data[0].id == 1`, `len([BODY].items) < 5`,
 * `[STATUS] == any(200, 429)`, `[BODY] == pat(*ok*)`, `has([BODY].errors) == false`.
 *
 * Parsing happens when a monitor is saved, so a typo is reported with its column then — not
 * discovered at 3 a.m. as a monitor that never fails.
 */

export const PLACEHOLDERS = {
  STATUS: 'number',
  RESPONSE_TIME: 'duration',
  BODY: 'any',
  CERTIFICATE_EXPIRATION: 'duration',
  // Chain trusted and hostname matching: false for a self-signed or misnamed certificate.
  CERTIFICATE_VALID: 'boolean',
  PACKET_LOSS: 'number',
  EXIT_CODE: 'number',
  CONNECTED: 'boolean',
  DNS_RCODE: 'string',
  IP: 'string',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';
const OPERATORS: Operator[] = ['==', '!=', '<=', '>=', '<', '>'];

export type PathSegment = string | number;

export interface PlaceholderRef {
  kind: 'placeholder';
  name: Placeholder;
  path: PathSegment[];
  fn?: 'len' | 'has';
}

export type Literal =
  | { kind: 'number'; value: number }
  | { kind: 'duration'; ms: number; text: string }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean };

export type RightSide = Literal | { kind: 'any'; options: Literal[] } | { kind: 'pattern'; glob: string };

export interface Condition {
  source: string;
  left: PlaceholderRef;
  operator: Operator;
  right: RightSide;
}

export class ConditionSyntaxError extends Error {
  constructor(
    readonly source: string,
    /** 1-based column of the offending character. */
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${reason} at column ${column} in ${JSON.stringify(source)}`);
    this.name = 'ConditionSyntaxError';
  }
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseCondition(source: string): Condition {
  const p = new Cursor(source);
  p.skipSpaces();
  const left = parseLeft(p);
  p.skipSpaces();
  const operator = OPERATORS.find((op) => p.rest().startsWith(op));
  if (!operator) p.fail(`expected one of ${OPERATORS.join(' ')}`);
  p.advance(operator!.length);
  p.skipSpaces();
  if (p.done()) p.fail('expected a value after the operator');
  const right = parseRight(p);
  p.skipSpaces();
  if (!p.done()) p.fail(`unexpected ${JSON.stringify(p.rest())}`);
  if ((right.kind === 'any' || right.kind === 'pattern') && operator !== '==' && operator !== '!=') {
    p.fail(`${right.kind}(…) works only with == or !=`, source.indexOf(right.kind === 'any' ? 'any(' : 'pat('));
  }
  return { source, left, operator: operator!, right };
}

/** A value expression alone, e.g. a monitor's metric source "[BODY].errors.rate" or "len([BODY].items)". */
export function parseValueExpression(source: string): PlaceholderRef {
  const p = new Cursor(source);
  p.skipSpaces();
  const ref = parseLeft(p);
  p.skipSpaces();
  if (!p.done()) p.fail(`unexpected ${JSON.stringify(p.rest())}`);
  return ref;
}

function parseLeft(p: Cursor): PlaceholderRef {
  const fn = p.rest().startsWith('len(') ? 'len' : p.rest().startsWith('has(') ? 'has' : undefined;
  if (fn) p.advance(4);
  p.skipSpaces();
  const ref = parsePlaceholder(p);
  if (fn) {
    p.skipSpaces();
    if (p.peek() !== ')') p.fail(`expected ")" to close ${fn}(`);
    p.advance(1);
    return { ...ref, fn };
  }
  return ref;
}

function parsePlaceholder(p: Cursor): PlaceholderRef {
  if (p.peek() !== '[') p.fail('expected a placeholder such as [STATUS] or [BODY]');
  const start = p.pos;
  const close = p.source.indexOf(']', start);
  if (close < 0) p.fail('unclosed "["');
  const name = p.source.slice(start + 1, close);
  if (!Object.hasOwn(PLACEHOLDERS, name)) {
    p.fail(`unknown placeholder [${name}]; known: ${Object.keys(PLACEHOLDERS).map((k) => `[${k}]`).join(' ')}`, start);
  }
  p.pos = close + 1;
  const path: PathSegment[] = [];
  while (p.peek() === '.' || p.peek() === '[') {
    if (name !== 'BODY') p.fail(`only [BODY] has fields; [${name}] is a single value`);
    if (p.peek() === '.') {
      p.advance(1);
      const m = /^[A-Za-z0-9_$-]+/.exec(p.rest());
      if (!m) p.fail('expected a field name after "."');
      path.push(m![0]);
      p.advance(m![0].length);
    } else {
      const m = /^\[(\d+)\]/.exec(p.rest());
      if (!m) p.fail('expected an index like [0]');
      path.push(Number(m![1]));
      p.advance(m![0].length);
    }
  }
  return { kind: 'placeholder', name: name as Placeholder, path };
}

function parseRight(p: Cursor): RightSide {
  if (p.rest().startsWith('any(')) {
    p.advance(4);
    const options: Literal[] = [];
    for (;;) {
      p.skipSpaces();
      options.push(parseLiteral(p, ',)'));
      p.skipSpaces();
      if (p.peek() === ',') {
        p.advance(1);
        continue;
      }
      if (p.peek() === ')') {
        p.advance(1);
        return { kind: 'any', options };
      }
      p.fail('expected "," or ")" in any(…)');
    }
  }
  if (p.rest().startsWith('pat(')) {
    p.advance(4);
    const close = p.source.lastIndexOf(')');
    if (close < p.pos) p.fail('expected ")" to close pat(');
    const glob = p.source.slice(p.pos, close);
    p.pos = close + 1;
    return { kind: 'pattern', glob };
  }
  return parseLiteral(p, '');
}

function parseLiteral(p: Cursor, stops: string): Literal {
  const start = p.pos;
  const quote = p.peek();
  if (quote === '"' || quote === "'") {
    const end = p.source.indexOf(quote, start + 1);
    if (end < 0) p.fail('unclosed quote');
    p.pos = end + 1;
    return { kind: 'string', value: p.source.slice(start + 1, end) };
  }
  let end = start;
  // Unquoted values end at white space; quote a value that contains spaces.
  while (end < p.source.length && !stops.includes(p.source[end]!) && !/\s/.test(p.source[end]!)) end++;
  const word = p.source.slice(start, end).trim();
  if (word === '') p.fail('expected a value');
  p.pos = end;
  if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(word)) return { kind: 'number', value: Number(word) };
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(word);
  if (duration) return { kind: 'duration', ms: Number(duration[1]) * DURATION_UNITS[duration[2]!]!, text: word };
  return { kind: 'string', value: word };
}

class Cursor {
  pos = 0;
  constructor(readonly source: string) {}
  peek(): string | undefined {
    return this.source[this.pos];
  }
  rest(): string {
    return this.source.slice(this.pos);
  }
  advance(n: number): void {
    this.pos += n;
  }
  done(): boolean {
    return this.pos >= this.source.length;
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  fail(reason: string, at = this.pos): never {
    throw new ConditionSyntaxError(this.source, at + 1, reason);
  }
}
