import type { Settings } from '../../../preload/contract.ts';
import type { ApiError } from '../../api/client.ts';

export type SettingsField = keyof Settings;
export type SettingsErrors = Partial<Record<SettingsField, string>>;

// Mirrors the contract's bounds for a quick answer; the core validates again and its word is final.
const MIN_STALE = 10;
const MAX_STALE = 86_400;

/** Reads the seconds field as typed, or says what is wrong with it in words. */
export function parseStaleAfter(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: `Enter a whole number of seconds, from ${MIN_STALE} to ${MAX_STALE}.` };
  const value = Number(trimmed);
  if (value < MIN_STALE || value > MAX_STALE) return { ok: false, error: `Must be from ${MIN_STALE} to ${MAX_STALE} seconds.` };
  return { ok: true, value };
}

export function placeSettingsError(err: ApiError): { fields: SettingsErrors; form: string | null } {
  const field = err.field;
  if (field === 'theme' || field === 'staleAfterSeconds') return { fields: { [field]: err.message }, form: null };
  return { fields: {}, form: err.message };
}
