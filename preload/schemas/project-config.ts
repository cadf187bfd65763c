/** photon.yml: importing a project's monitors, runbooks and declared facts from its repository. */
import { z } from 'zod';
import { textId } from './fields.ts';

export const ConfigProblemSchema = z.object({ file: z.string(), line: z.number(), column: z.number(), message: z.string() });
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

export const projectConfigMethodShapes = {
  /** Reads <repoPath>/photon.yml of a project and applies it. */
  importProjectConfig: {
    input: z.strictObject({ projectId: textId() }),
    result: z.object({ file: z.string(), monitors: z.number(), removed: z.number(), runbooks: z.number(), problems: z.array(ConfigProblemSchema) }),
  },
} as const;
