import type Database from 'better-sqlite3';
import type { EventBus } from '../core/event-bus.ts';
import { projectHandlers, type ProjectForgetter } from './handlers.ts';
import { ProjectsRepository } from './projects-repository.ts';
import { ProjectsService } from './projects-service.ts';

export type { ProjectForgetter } from './handlers.ts';
export { ProjectsService } from './projects-service.ts';

/** Projects: the service, its contract block, and where other capabilities learn that a project goes. */
export function createProjects(deps: { db: Database.Database; events: EventBus }) {
  const service = new ProjectsService(new ProjectsRepository(deps.db), deps.events);
  const forgetters: ProjectForgetter[] = [];
  return {
    service,
    handlers: projectHandlers(service, forgetters),
    /** Registers what another capability must drop when a project is removed. */
    forgetWith: (forget: ProjectForgetter) => void forgetters.push(forget),
  };
}
