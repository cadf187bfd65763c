import { wildcardMatch } from '../../core/wildcard-match.ts';
import type { Condition, Literal, PathSegment, Placeholder, PlaceholderRef } from './parse-condition.ts';

/** What one check run observed, by placeholder. Absent means the check kind cannot observe it. */
export type Observation = Partial<Record<Placeholder, unknown>>;

export interface ConditionOutcome {
  condition: string;
  satisfied: boolean;
  /** The condition with the observed value filled in, e.g. `[STATUS] (503) == 200`. */
  detail: string;
}

export function evaluateCondition(c: Condition, observation: Observation): ConditionOutcome {
  const resolved = resolve(c.left, observation);
  const shown = `${label(c.left)} (${show(resolved.value)})`;
  const rightText = c.source.slice(c.source.indexOf(c.operator) + c.operator.length).trim();
  const detail = `${shown} ${c.operator} ${rightText}`;
  if (!resolved.known) {
    return { condition: c.source, satisfied: false, detail: `${label(c.left)} was not observed by this check` };
  }
  return { condition: c.source, satisfied: compare(resolved.value, c), detail };
}

export function resolve(ref: PlaceholderRef, obs: Observation): { known: boolean; value: unknown } {
  if (!Object.hasOwn(obs, ref.name)) return { known: false, value: undefined };
  let value = obs[ref.name];
  if (ref.path.length > 0) value = walk(asJson(value), ref.path);
  if (ref.fn === 'has') return { known: true, value: value !== undefined };
  if (ref.fn === 'len') return { known: true, value: length(value) };
  return { known: true, value };
}

function asJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function walk(value: unknown, path: PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function length(v: unknown): number | undefined {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

function compare(left: unknown, c: Condition): boolean {
  const { operator, right } = c;
  if (right.kind === 'any') {
    const hit = right.options.some((o) => equals(left, o));
    return operator === '==' ? hit : !hit;
  }
  if (right.kind === 'pattern') {
    const hit = typeof left === 'string' || typeof left === 'number' ? wildcardMatch(String(left), right.glob) : false;
    return operator === '==' ? hit : !hit;
  }
  if (operator === '==') return equals(left, right);
  if (operator === '!=') return !equals(left, right);
  const l = toNumber(left);
  const r = literalNumber(right);
  if (l === undefined || r === undefined) return false;
  switch (operator) {
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    case '>=':
      return l >= r;
  }
}

function equals(left: unknown, right: Literal): boolean {
  switch (right.kind) {
    case 'number':
    case 'duration':
      return toNumber(left) === literalNumber(right);
    case 'boolean':
      return left === right.value || String(left) === String(right.value);
    case 'string':
      return left !== undefined && left !== null && String(left) === right.value;
  }
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function literalNumber(l: Literal): number | undefined {
  if (l.kind === 'number') return l.value;
  if (l.kind === 'duration') return l.ms;
  return undefined;
}

function label(ref: PlaceholderRef): string {
  const path = ref.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
  const inner = `[${ref.name}]${path}`;
  return ref.fn ? `${ref.fn}(${inner})` : inner;
}

function show(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
