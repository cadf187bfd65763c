import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, MethodResult } from '../../preload/contract.ts';
import type { AgentHistory, AgentIngestInfo, AgentSettings, AgentSummary, PullSource } from '../../preload/schemas/agents.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface AgentsState {
  /** Keyed by id; replaced per agent by agentsUpdated. */
  agents: Readonly<Record<number, AgentSummary>>;
  sources: readonly PullSource[];
  ingest: AgentIngestInfo | null;
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  /** Mutations resolve when the core accepted them; the cards follow from events. */
  save(input: MethodInput<'saveAgent'>): Promise<AgentSummary>;
  retire(id: number): Promise<void>;
  createToken(id: number): Promise<MethodResult<'createAgentToken'>>;
  loadHistory(id: number, range: MethodInput<'getAgentHistory'>['range']): Promise<AgentHistory>;
  loadSettings(projectId: string): Promise<AgentSettings>;
  updateSettings(input: MethodInput<'updateAgentSettings'>): Promise<AgentSettings>;
  savePullSource(input: MethodInput<'saveAgentPullSource'>): Promise<PullSource>;
  removePullSource(id: number): Promise<void>;
}

type Change = { agents: readonly AgentSummary[] };

const merge = (current: Readonly<Record<number, AgentSummary>>, agents: readonly AgentSummary[], skipOlder: boolean) => {
  const next = { ...current };
  for (const a of agents) {
    // A list read that started before an update must not put the older card back.
    if (skipOlder && next[a.id] && next[a.id]!.trust.computedAt > a.trust.computedAt) continue;
    next[a.id] = a;
  }
  return next;
};

/**
 * Agents of every project: listAgents once, then agentsUpdated (only the changed agents). Updates
 * that arrive while a list read is in flight are replayed on top of it, as for monitors.
 */
export function createAgentsStore(client: PhotonClient): { store: StoreApi<AgentsState>; dispose(): void } {
  let replay: Change[] | null = null;
  let sourcesGeneration = 0;

  const store = createStore<AgentsState>()((set) => ({
    agents: {},
    sources: [],
    ingest: null,
    status: 'loading',
    error: null,
    async reload() {
      const mine: Change[] = [];
      replay = mine;
      const sourcesAt = sourcesGeneration;
      try {
        const [list, sources, ingest] = await Promise.all([client.listAgents({}), client.listAgentPullSources({}), client.getAgentIngestInfo({})]);
        if (replay !== mine) return;
        const agents = mine.reduce((acc, c) => merge(acc, c.agents, true), merge({}, list, false));
        set((s) => ({ agents, ingest, status: 'ready', error: null, sources: sourcesAt === sourcesGeneration ? sources : s.sources }));
      } catch (err) {
        if (replay === mine) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      } finally {
        if (replay === mine) replay = null;
      }
    },
    save: (input) => client.saveAgent(input),
    async retire(id) {
      await client.retireAgent({ id });
    },
    createToken: (id) => client.createAgentToken({ id }),
    loadHistory: (id, range) => client.getAgentHistory({ id, range }),
    loadSettings: (projectId) => client.getAgentSettings({ projectId }),
    updateSettings: (input) => client.updateAgentSettings(input),
    savePullSource: (input) => client.saveAgentPullSource(input),
    async removePullSource(id) {
      await client.removeAgentPullSource({ id });
    },
  }));

  const stopUpdates = client.subscribe('agentsUpdated', ({ agents }) => {
    replay?.push({ agents });
    store.setState((s) => ({ agents: merge(s.agents, agents, false) }));
  });
  const stopSources = client.subscribe('agentPullSourcesChanged', ({ sources }) => {
    sourcesGeneration += 1;
    store.setState({ sources });
  });
  return loadAndResync(client, store, [stopUpdates, stopSources]);
}
