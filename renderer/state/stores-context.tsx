import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AgentsState } from './agents-store.ts';
import type { AppState } from './app-store.ts';
import type { HostsState } from './hosts-store.ts';
import type { IncidentsState } from './incidents-store.ts';
import type { LoopsState } from './loops-store.ts';
import type { MonitorsState } from './monitors-store.ts';
import type { OverviewState } from './overview-store.ts';
import type { ProjectsState } from './projects-store.ts';
import type { ScorecardState } from './scorecard-store.ts';
import type { RunsState } from './runs-store.ts';
import type { SecretsState } from './secrets-store.ts';
import type { SettingsState } from './settings-store.ts';
import type { Stores } from './stores.ts';
import type { AlertsState } from './alerts-store.ts';
import type { BackupsState } from './backups-store.ts';
import type { NotificationsState } from './notifications-store.ts';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing above this component');
  return stores;
}

// Selectors must return stable values (a field, not a fresh object) or zustand re-renders forever.
export const useAppStore = <T,>(select: (s: AppState) => T): T => useStore(useStores().app, select);
export const useProjectsStore = <T,>(select: (s: ProjectsState) => T): T => useStore(useStores().projects, select);
export const useSettingsStore = <T,>(select: (s: SettingsState) => T): T => useStore(useStores().settings, select);
export const useMonitorsStore = <T,>(select: (s: MonitorsState) => T): T => useStore(useStores().monitors, select);
export const useIncidentsStore = <T,>(select: (s: IncidentsState) => T): T => useStore(useStores().incidents, select);
export const useLoopsStore = <T,>(select: (s: LoopsState) => T): T => useStore(useStores().loops, select);
export const useOverviewStore = <T,>(select: (s: OverviewState) => T): T => useStore(useStores().overview, select);
export const useAgentsStore = <T,>(select: (s: AgentsState) => T): T => useStore(useStores().agents, select);
export const useScorecardStore = <T,>(select: (s: ScorecardState) => T): T => useStore(useStores().scorecard, select);
export const useHostsStore = <T,>(select: (s: HostsState) => T): T => useStore(useStores().hosts, select);
export const useSecretsStore = <T,>(select: (s: SecretsState) => T): T => useStore(useStores().secrets, select);
export const useRunsStore = <T,>(select: (s: RunsState) => T): T => useStore(useStores().runs, select);
export const useAlertsStore = <T,>(select: (s: AlertsState) => T): T => useStore(useStores().alerts, select);
export const useBackupsStore = <T,>(select: (s: BackupsState) => T): T => useStore(useStores().backups, select);
export const useNotificationsStore = <T,>(select: (s: NotificationsState) => T): T => useStore(useStores().notifications, select);
