import type { RunbookParam } from '../../../preload/schemas/recovery.ts';
import { compilePattern, type LinearPattern } from '../../../preload/linear-pattern.ts';
import type { ApiError } from '../../api/client.ts';

/** Values as typed, by parameter name. */
export type ParamDraft = Record<string, string>;
export type ParamErrors = Record<string, string>;

export function initialParams(params: readonly RunbookParam[]): ParamDraft {
  const draft: ParamDraft = {};
  for (const p of params) {
    if (p.type === 'enum') draft[p.name] = p.default ?? p.values[0] ?? '';
    else draft[p.name] = p.default === undefined ? '' : String(p.default);
  }
  return draft;
}

function anchored(pattern: string): LinearPattern | null {
  try {
    // The engine the core uses: a backtracking RegExp here would freeze the window while typing.
    return compilePattern(pattern, { whole: true });
  } catch {
    // A pattern stored before patterns ran on RE2 may not compile; the core reports it on preview.
    return null;
  }
}

/**
 * Checks the typed values against each parameter's type, for an answer while typing. The core
 * validates again and quotes every value; its word is final, so this never blocks on what it
 * cannot judge.
 */
export function buildParams(params: readonly RunbookParam[], draft: ParamDraft): { ok: true; values: Record<string, string | number> } | { ok: false; errors: ParamErrors } {
  const values: Record<string, string | number> = {};
  const errors: ParamErrors = {};
  for (const p of params) {
    const raw = draft[p.name] ?? '';
    if (p.type === 'string') {
      const pattern = p.pattern ? anchored(p.pattern) : null;
      if (raw.length > p.maxLength) errors[p.name] = `At most ${p.maxLength} characters.`;
      else if (pattern && !pattern.test(raw)) errors[p.name] = `Must match ${p.pattern}.`;
      else values[p.name] = raw;
    } else if (p.type === 'enum') {
      if (!p.values.includes(raw)) errors[p.name] = `Choose one of ${p.values.join(', ')}.`;
      else values[p.name] = raw;
    } else {
      const text = raw.trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) errors[p.name] = 'Enter a number.';
      else if (p.integer && !Number.isInteger(n)) errors[p.name] = 'Enter a whole number.';
      else if (p.min !== undefined && n < p.min) errors[p.name] = `At least ${p.min}.`;
      else if (p.max !== undefined && n > p.max) errors[p.name] = `At most ${p.max}.`;
      else values[p.name] = n;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** A refusal naming "params.<name>" (or "params") goes under that parameter; anything else above the form. */
export function placeParamError(err: ApiError, params: readonly RunbookParam[]): { fields: ParamErrors; form: string | null } {
  const name = /^params\.([a-z][a-z0-9_]*)/.exec(err.field ?? '')?.[1];
  if (name && params.some((p) => p.name === name)) return { fields: { [name]: err.message }, form: null };
  return { fields: {}, form: err.message };
}

export function paramHint(p: RunbookParam): string {
  if (p.type === 'string') return p.pattern ? `Text matching ${p.pattern}, at most ${p.maxLength} characters.` : `Text, at most ${p.maxLength} characters.`;
  if (p.type === 'enum') return `One of ${p.values.join(', ')}.`;
  const range = [p.min !== undefined ? `from ${p.min}` : '', p.max !== undefined ? `to ${p.max}` : ''].filter(Boolean).join(' ');
  return `${p.integer ? 'A whole number' : 'A number'}${range ? ` ${range}` : ''}.`;
}
