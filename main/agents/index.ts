import type { ProjectsService } from '../projects/index.ts';
import { startAgents, type AgentsDeps } from './agents-runtime.ts';
import { agentHandlers } from './handlers.ts';

export type { AgentsOptions, AgentsRuntime } from './agents-runtime.ts';

/** Roster, reports, presence and trust; starts the push listener and the pull and sweep loops. */
export function createAgents(deps: Omit<AgentsDeps, 'projectIds'> & { projects: Pick<ProjectsService, 'list' | 'require'> }) {
  const { projects, ...rest } = deps;
  const service = startAgents({ ...rest, projectIds: () => projects.list().map((p) => p.id) });
  return {
    service,
    handlers: agentHandlers(service, projects),
    /** A removed project's agents and pull sources cascade away; the keychain entries they held are deleted after. */
    forgetProject: (projectId: string) => {
      const refs = service.secretRefsOf(projectId);
      return () => service.forgetSecrets(refs);
    },
  };
}
