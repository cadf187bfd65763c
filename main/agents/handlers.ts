import type { Handlers } from '../api/dispatcher.ts';
import { ContractError } from '../api/contract-error.ts';
import type { ProjectsService } from '../projects/index.ts';
import { parseSecretRef, secretFailure, type SecretRef } from '../secrets/index.ts';
import type { AgentsRuntime } from './agents-runtime.ts';
import { toPullSource } from './ingest/pull-sources.ts';

/** The agents block of the contract. */
export function agentHandlers(agents: AgentsRuntime, projects: Pick<ProjectsService, 'require'>) {
  const { service, pullSources } = agents;
  return {
    listAgents: (input) => {
      if (input.projectId !== undefined) projects.require(input.projectId);
      return service.list(input.projectId ?? null);
    },
    saveAgent: (input) => {
      const fields = { name: input.name, role: input.role, capabilities: input.capabilities, backedBy: input.backedBy };
      if (input.id !== undefined) {
        const agent = service.roster.require(input.id);
        if (input.projectId !== undefined && input.projectId !== agent.projectId) {
          throw new ContractError('INVALID_INPUT', 'projectId cannot change: an agent stays in its project', 'projectId');
        }
        if (input.code !== undefined && input.code !== agent.code) {
          throw new ContractError('INVALID_INPUT', 'code cannot change (rename with name): history and pulled rows refer to it', 'code');
        }
        return service.update(input.id, fields);
      }
      if (input.projectId === undefined) throw new ContractError('INVALID_INPUT', 'projectId is required for a new agent', 'projectId');
      projects.require(input.projectId);
      return service.add(input.projectId, input.code, fields);
    },
    retireAgent: (input) => service.retire(input.id),
    createAgentToken: (input) => service.createToken(input.id),
    getAgentHistory: (input) => service.history(input.id, input.range),
    getAgentSettings: (input) => {
      projects.require(input.projectId);
      return service.settings.get(input.projectId);
    },
    updateAgentSettings: (input) => {
      projects.require(input.projectId);
      const { projectId, ...thresholds } = input;
      const saved = service.settings.set(projectId, thresholds);
      // New thresholds can move agents between states at once; the sweep applies them.
      service.sweep();
      service.list(projectId).forEach((a) => service.markChanged(a.id));
      return saved;
    },
    getAgentIngestInfo: () => agents.ingestInfo(),
    listAgentPullSources: (input) => {
      if (input.projectId !== undefined) projects.require(input.projectId);
      return pullSources.list(input.projectId ?? null).map(toPullSource);
    },
    saveAgentPullSource: async (input) => {
      projects.require(input.projectId);
      const existing = input.id !== undefined ? pullSources.require(input.id) : null;
      if (existing && existing.projectId !== input.projectId) throw new ContractError('INVALID_INPUT', 'projectId cannot change for a pull source', 'projectId');
      if (input.apiKey !== undefined && input.source.kind !== 'http') throw new ContractError('INVALID_INPUT', 'apiKey applies only to source.kind http', 'apiKey');
      let ref = existing?.apiKeyRef ?? null;
      try {
        if (input.apiKey !== undefined) {
          if (ref !== null) await agents.secretsStore.replace(parseSecretRef(ref), input.apiKey);
          else ref = await agents.secretsStore.put('api-token', input.apiKey, `API key of agent pull source ${input.name}`.slice(0, 100));
        } else if (input.source.kind !== 'http' && ref !== null) {
          await agents.secretsStore.delete(parseSecretRef(ref));
          ref = null;
        }
      } catch (err) {
        throw secretFailure(err, 'The API key was not saved', 'apiKey');
      }
      const saved = existing
        ? pullSources.update(existing.id, input.name, input.source, ref)
        : pullSources.insert(input.projectId, input.name, input.source, ref, Date.now());
      agents.announceSources();
      return toPullSource(saved);
    },
    removeAgentPullSource: async (input) => {
      const source = pullSources.require(input.id);
      pullSources.remove(input.id);
      if (source.apiKeyRef !== null) await agents.secretsStore.delete(source.apiKeyRef as SecretRef).catch(() => false);
      agents.announceSources();
      return { removed: true as const };
    },
  } satisfies Partial<Handlers>;
}
