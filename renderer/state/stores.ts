import type { StoreApi } from 'zustand/vanilla';
import type { PhotonClient } from '../api/client.ts';
import { createAppStore, type AppState } from './app-store.ts';
import { createProjectsStore, type ProjectsState } from './projects-store.ts';
import { createSettingsStore, type SettingsState } from './settings-store.ts';

export interface Stores {
  app: StoreApi<AppState>;
  projects: StoreApi<ProjectsState>;
  settings: StoreApi<SettingsState>;
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
  return {
    app: app.store,
    projects: projects.store,
    settings: settings.store,
    dispose() {
      app.dispose();
      projects.dispose();
      settings.dispose();
    },
  };
}
