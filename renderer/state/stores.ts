import type { StoreApi } from 'zustand/vanilla';
import type { PhotonClient } from '../api/client.ts';
import { createAgentsStore, type AgentsState } from './agents-store.ts';
import { createAppStore, type AppState } from './app-store.ts';
import { createHostsStore, type HostsState } from './hosts-store.ts';
import { createIncidentsStore, type IncidentsState } from './incidents-store.ts';
import { createLoopsStore, type LoopsState } from './loops-store.ts';
import { createMonitorsStore, type MonitorsState } from './monitors-store.ts';
import { createOverviewStore, type OverviewState } from './overview-store.ts';
import { createProjectsStore, type ProjectsState } from './projects-store.ts';
import { createScorecardStore, type ScorecardState } from './scorecard-store.ts';
import { createRunsStore, type RunsState } from './runs-store.ts';
import { createSecretsStore, type SecretsState } from './secrets-store.ts';
import { createSettingsStore, type SettingsState } from './settings-store.ts';
import { createAlertsStore, type AlertsState } from './alerts-store.ts';
import { createBackupsStore, type BackupsState } from './backups-store.ts';
import { createNotificationsStore, type NotificationsState } from './notifications-store.ts';

export interface Stores {
  app: StoreApi<AppState>;
  projects: StoreApi<ProjectsState>;
  settings: StoreApi<SettingsState>;
  monitors: StoreApi<MonitorsState>;
  incidents: StoreApi<IncidentsState>;
  loops: StoreApi<LoopsState>;
  overview: StoreApi<OverviewState>;
  agents: StoreApi<AgentsState>;
  scorecard: StoreApi<ScorecardState>;
  hosts: StoreApi<HostsState>;
  secrets: StoreApi<SecretsState>;
  runs: StoreApi<RunsState>;
  alerts: StoreApi<AlertsState>;
  backups: StoreApi<BackupsState>;
  notifications: StoreApi<NotificationsState>;
  dispose(): void;
}

/**
 * Created once, outside React, so subscriptions and first loads happen exactly once (StrictMode
 * runs effects twice) and stores can be built against any client in a test.
 */
export function createStores(client: PhotonClient, win: Window = window): Stores {
  const app = createAppStore(client, win);
  const projects = createProjectsStore(client);
  const settings = createSettingsStore(client);
  const monitors = createMonitorsStore(client);
  const incidents = createIncidentsStore(client);
  const loops = createLoopsStore(client);
  const overview = createOverviewStore(client);
  const agents = createAgentsStore(client);
  const scorecard = createScorecardStore(client);
  const hosts = createHostsStore(client);
  const secrets = createSecretsStore(client);
  const runs = createRunsStore(client);
  const alerts = createAlertsStore(client);
  const backups = createBackupsStore(client);
  const notifications = createNotificationsStore(client, win);
  const all = [app, projects, settings, monitors, incidents, loops, overview, agents, scorecard, hosts, secrets, runs, alerts, backups, notifications];
  return {
    app: app.store,
    projects: projects.store,
    settings: settings.store,
    monitors: monitors.store,
    incidents: incidents.store,
    loops: loops.store,
    overview: overview.store,
    agents: agents.store,
    scorecard: scorecard.store,
    hosts: hosts.store,
    secrets: secrets.store,
    runs: runs.store,
    alerts: alerts.store,
    backups: backups.store,
    notifications: notifications.store,
    dispose() {
      all.forEach((s) => s.dispose());
    },
  };
}
