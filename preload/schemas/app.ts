/** The app itself: version, transport, data directory and startup notices. */
import { z } from 'zod';
import { noInput } from './fields.ts';

export const AppInfoSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'http']),
  dataDir: z.string(),
  schemaVersion: z.number(),
  /** Things the operator must know about startup, e.g. a corrupt database moved aside. */
  notices: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appMethodShapes = {
  getAppInfo: { input: noInput, result: AppInfoSchema },
} as const;
