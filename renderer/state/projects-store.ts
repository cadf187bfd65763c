import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodInput, Project } from '../../preload/contract.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { loadAndResync } from './resync-on-reconnect.ts';

export interface ProjectsState {
  projects: readonly Project[];
  /** 'loading' only until the first list arrives; later failures keep the last list and set `error`. */
  status: 'loading' | 'ready' | 'failed';
  error: ApiError | null;
  reload(): Promise<void>;
  /** Mutations resolve when the core accepted them and throw ApiError otherwise; they never touch `projects`. */
  add(input: MethodInput<'addProject'>): Promise<void>;
  update(input: MethodInput<'updateProject'>): Promise<void>;
  remove(id: string): Promise<void>;
}

/**
 * The project list has one source: the core. It arrives through listProjects once and then through
 * every projectsChanged event, so a change made in another window, tab or the CLI shows up the same
 * way as one made here, and the view can never show a list the core does not hold.
 */
export function createProjectsStore(client: PhotonClient): { store: StoreApi<ProjectsState>; dispose(): void } {
  // Bumped by every event: a listProjects answer that started before an event is older than it.
  let generation = 0;

  const store = createStore<ProjectsState>()((set) => ({
    projects: [],
    status: 'loading',
    error: null,
    async reload() {
      const startedAt = generation;
      try {
        const projects = await client.listProjects({});
        if (startedAt === generation) set({ projects, status: 'ready', error: null });
      } catch (err) {
        if (startedAt === generation) set((s) => ({ status: s.status === 'loading' ? 'failed' : s.status, error: toApiError(err) }));
      }
    },
    async add(input) {
      await client.addProject(input);
    },
    async update(input) {
      await client.updateProject(input);
    },
    async remove(id) {
      await client.removeProject({ id });
    },
  }));

  const unsubscribe = client.subscribe('projectsChanged', ({ projects }) => {
    generation += 1;
    store.setState({ projects, status: 'ready', error: null });
  });
  return loadAndResync(client, store, [unsubscribe]);
}
