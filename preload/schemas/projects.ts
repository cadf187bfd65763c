/** Projects: the named groups monitors, hosts, agents and assessments belong to. */
import { z } from 'zod';
import { LIMITS, noInput, removedResult, requiredText, text, textId } from './fields.ts';

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  repoPath: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const projectMethodShapes = {
  listProjects: { input: noInput, result: z.array(ProjectSchema) },
  getProject: { input: z.strictObject({ id: textId() }), result: ProjectSchema },
  addProject: {
    input: z.strictObject({
      name: requiredText('name', LIMITS.name),
      repoPath: text('repoPath', LIMITS.path).trim().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    result: ProjectSchema,
  },
  updateProject: {
    input: z.strictObject({
      id: textId(),
      name: requiredText('name', LIMITS.name).optional(),
      repoPath: text('repoPath', LIMITS.path).trim().nullable().optional(),
      notes: text('notes', LIMITS.notes).optional(),
    }),
    result: ProjectSchema,
  },
  removeProject: { input: z.strictObject({ id: textId() }), result: removedResult },
} as const;

export const projectEventShapes = {
  projectsChanged: z.object({ projects: z.array(ProjectSchema) }),
} as const;
