import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../preload/contract.ts';

export type SettingsReadResult = { ok: true; settings: Settings } | { ok: false; problem: string };

/**
 * Validates stored settings. Missing keys take defaults (an older file is fine); a wrong value is a
 * problem named by key, so the caller can tell the operator exactly what was wrong and where.
 */
export function readSettings(raw: unknown, where: string): SettingsReadResult {
  if (raw === undefined) return { ok: true, settings: { ...DEFAULT_SETTINGS } };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problem: `${where}: settings must be a JSON object` };
  }
  const parsed = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...raw });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const issue = parsed.error.issues[0];
  const key = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : (issue?.path.join('.') ?? '');
  return { ok: false, problem: `${where}: ${key ? `"${key}": ` : ''}${issue?.message ?? 'invalid settings'}` };
}
