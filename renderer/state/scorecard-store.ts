import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AssessmentSummary, ExportFormat, ScorecardProgress, ScorecardSettings, StoredAssessment, Tier } from '../../preload/schemas/scorecard.ts';
import { toApiError, type ApiError, type PhotonClient } from '../api/client.ts';
import { resyncOnReconnect } from './resync-on-reconnect.ts';

/** How many past assessments the trend shows. */
export const TREND_LENGTH = 50;

export interface ScorecardState {
  projectId: string | null;
  settings: ScorecardSettings | null;
  /** Oldest first. */
  history: AssessmentSummary[];
  /** The assessment shown (the latest unless another was opened); null before the first. */
  current: StoredAssessment | null;
  loading: boolean;
  /** The running assessment's latest progress; null when none runs. */
  progress: ScorecardProgress | null;
  selectedCheckId: string | null;
  error: ApiError | null;
  select(projectId: string | null): void;
  reload(): Promise<void>;
  assess(): Promise<void>;
  open(id: number): Promise<void>;
  setTier(tier: Tier): Promise<void>;
  setTarget(category: string, target: number | null): Promise<void>;
  selectCheck(id: string | null): void;
  exportAs(format: ExportFormat): Promise<{ fileName: string; mediaType: string; content: string }>;
}

/**
 * The Scorecard view's data: loaded when a project is chosen, then kept current by events —
 * scorecardProgress while an assessment runs, assessmentsChanged when one is stored (by this
 * window or another). Nothing polls.
 */
export function createScorecardStore(client: PhotonClient): { store: StoreApi<ScorecardState>; dispose(): void } {
  let latest = 0;

  const store = createStore<ScorecardState>()((set, get) => ({
    projectId: null,
    settings: null,
    history: [],
    current: null,
    loading: false,
    progress: null,
    selectedCheckId: null,
    error: null,
    select(projectId) {
      if (projectId === get().projectId) return;
      set({ projectId, settings: null, history: [], current: null, progress: null, selectedCheckId: null, error: null });
      void get().reload();
    },
    async reload() {
      const projectId = get().projectId;
      if (projectId === null) return;
      const request = ++latest;
      set({ loading: true });
      try {
        const [settings, history] = await Promise.all([client.getScorecardSettings({ projectId }), client.listAssessments({ projectId, limit: TREND_LENGTH })]);
        const last = history.at(-1);
        const current = last ? await client.getAssessment({ id: last.id }) : null;
        if (request === latest) set({ settings, history, current, loading: false, error: null });
      } catch (err) {
        if (request === latest) set({ loading: false, error: toApiError(err) });
      }
    },
    async assess() {
      const projectId = get().projectId;
      if (projectId === null) return;
      set({ error: null, progress: { projectId, phase: 'walking', done: 0, total: null, message: 'Starting…' } });
      try {
        const current = await client.assessProject({ projectId });
        if (get().projectId === projectId) set({ current, progress: null, selectedCheckId: null });
      } catch (err) {
        if (get().projectId === projectId) set({ error: toApiError(err), progress: null });
      }
    },
    async open(id) {
      try {
        const current = await client.getAssessment({ id });
        set({ current, selectedCheckId: null, error: null });
      } catch (err) {
        set({ error: toApiError(err) });
      }
    },
    async setTier(tier) {
      const projectId = get().projectId;
      if (projectId === null) return;
      try {
        set({ settings: await client.updateScorecardSettings({ projectId, tier }), error: null });
      } catch (err) {
        set({ error: toApiError(err) });
      }
    },
    async setTarget(category, target) {
      const projectId = get().projectId;
      if (projectId === null) return;
      try {
        set({ settings: await client.updateScorecardSettings({ projectId, targets: { [category]: target } }), error: null });
      } catch (err) {
        set({ error: toApiError(err) });
      }
    },
    selectCheck(id) {
      set({ selectedCheckId: id });
    },
    exportAs(format) {
      const current = get().current;
      if (!current) return Promise.reject(new Error('No assessment to export yet'));
      return client.exportAssessment({ id: current.summary.id, format });
    },
  }));

  const stops = [
    client.subscribe('scorecardProgress', (p) => {
      if (p.projectId !== store.getState().projectId) return;
      store.setState({ progress: p.phase === 'done' || p.phase === 'failed' ? null : p });
    }),
    client.subscribe('assessmentsChanged', ({ projectId, latest: summary }) => {
      const s = store.getState();
      if (projectId !== s.projectId || s.history.some((h) => h.id === summary.id)) return;
      store.setState({ history: [...s.history, summary].slice(-TREND_LENGTH) });
      // Stored by another window: show it too, unless this window is running its own.
      if (s.progress === null && s.current?.summary.id !== summary.id) void s.open(summary.id);
    }),
    resyncOnReconnect(client, () => void store.getState().reload()),
  ];

  return {
    store,
    dispose() {
      stops.forEach((stop) => stop());
    },
  };
}
