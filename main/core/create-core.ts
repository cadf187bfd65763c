import path from 'node:path';
import type { AppInfo } from '../../preload/contract.ts';
import { createDispatcher, type Dispatch } from '../api/dispatcher.ts';
import { openDatabase } from '../store/open-database.ts';
import { ProjectsRepository } from '../projects/projects-repository.ts';
import { ProjectsService } from '../projects/projects-service.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { EventBus } from './event-bus.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { APP_VERSION } from './version.ts';

export interface CoreOptions {
  dataDir: string;
  settings: SettingsStore;
  transport: AppInfo['transport'];
  nativeBinding?: string;
  logger?: Logger;
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  dataDir: string;
  notices: readonly string[];
  close(): void;
}

/**
 * Builds the whole core for one data directory. It knows nothing of Electron or HTTP: the window,
 * `photon serve` and the CLI are thin doors into what this returns.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const dataDir = path.resolve(options.dataDir);
  const store = openDatabase(dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const events = new EventBus();
  const notices = [...store.notices, ...options.settings.notices];
  notices.forEach((n) => logger.warn(n));

  const projects = new ProjectsService(new ProjectsRepository(store.db), events);

  const dispatch = createDispatcher(
    {
      getAppInfo: () => ({
        version: APP_VERSION,
        transport: options.transport,
        dataDir,
        schemaVersion: store.schemaVersion,
        notices,
      }),
      listProjects: () => projects.list(),
      addProject: (input) => projects.add(input),
      updateProject: (input) => projects.update(input),
      removeProject: (input) => projects.remove(input.id),
      getSettings: () => options.settings.get(),
      updateSettings: (patch) => {
        // IPC keeps explicit `undefined` values; they mean "not given", never "erase".
        const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const next = options.settings.update(given);
        events.emit('settingsChanged', next);
        return next;
      },
    },
    logger,
  );

  return {
    dispatch,
    events,
    dataDir,
    notices,
    close: () => store.db.close(),
  };
}
