import type { Handlers } from '../api/dispatcher.ts';
import type { ProjectsService } from './projects-service.ts';

/**
 * What another capability keeps per project. Told before the project's rows cascade away (the
 * engine must stop its monitors first), it may hand back work for afterwards, e.g. deleting the
 * keychain entries those rows pointed to.
 */
export type ProjectForgetter = (projectId: string) => (() => Promise<void>) | void;

/** The projects block of the contract. */
export function projectHandlers(projects: ProjectsService, forgetters: readonly ProjectForgetter[]) {
  return {
    listProjects: () => projects.list(),
    getProject: (input) => projects.require(input.id),
    addProject: (input) => projects.add(input),
    updateProject: (input) => projects.update(input),
    removeProject: async (input) => {
      projects.require(input.id);
      const afterwards = forgetters.map((forget) => forget(input.id));
      const removed = projects.remove(input.id);
      for (const after of afterwards) await after?.();
      return removed;
    },
  } satisfies Partial<Handlers>;
}
