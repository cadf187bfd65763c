/** Background loops: each one's health, as it reported its runs. */
import { z } from 'zod';
import { noInput } from './fields.ts';

export const LoopHealthSchema = z.object({
  name: z.string(),
  description: z.string(),
  state: z.enum(['ok', 'failing', 'late', 'stopped', 'idle']),
  runs: z.number(),
  errors: z.number(),
  lastRunAt: z.number().nullable(),
  lastDurationMs: z.number().nullable(),
  lastError: z.string().nullable(),
  nextRunAt: z.number().nullable(),
});
export type LoopHealth = z.infer<typeof LoopHealthSchema>;

export const loopMethodShapes = {
  listLoops: { input: noInput, result: z.array(LoopHealthSchema) },
} as const;

export const loopEventShapes = {
  loopsChanged: z.object({ loops: z.array(LoopHealthSchema) }),
} as const;
