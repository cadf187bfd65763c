/** The console's own settings: theme and when a measurement counts as stale. */
import { z } from 'zod';
import { noInput, typeError } from './fields.ts';

export const THEMES = ['system', 'light', 'dark'] as const;

export const SettingsSchema = z.strictObject({
  theme: z.enum(THEMES, { error: `theme must be one of ${THEMES.join(', ')}` }),
  /** Age after which a measurement is shown as stale. */
  staleAfterSeconds: z
    .number({ error: typeError('staleAfterSeconds', 'a number') })
    .int({ error: 'staleAfterSeconds must be a whole number' })
    .min(10, { error: 'staleAfterSeconds must be at least 10' })
    .max(86_400, { error: 'staleAfterSeconds must be at most 86400' }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = { theme: 'system', staleAfterSeconds: 300 };

export const settingsMethodShapes = {
  getSettings: { input: noInput, result: SettingsSchema },
  updateSettings: { input: SettingsSchema.partial(), result: SettingsSchema },
} as const;

export const settingsEventShapes = {
  settingsChanged: SettingsSchema,
} as const;
