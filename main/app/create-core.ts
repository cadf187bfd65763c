import { createAgents } from '../agents/index.ts';
import { alertMonitorsOf, createAlerts } from '../alerts/index.ts';
import { createDispatcher, type Handlers } from '../api/dispatcher.ts';
import { fileReadErrors } from '../api/file-read-errors.ts';
import { createBackups, readBackupEvidence } from '../backups/index.ts';
import { EventBus } from '../core/event-bus.ts';
import { consoleLogger } from '../core/logger.ts';
import { createHosts } from '../hosts/index.ts';
import { createLoops } from '../loops/index.ts';
import { createMaintenance } from '../maintenance/index.ts';
import { createMetrics } from '../metrics/index.ts';
import { checkRegistry, createMonitors } from '../monitors/index.ts';
import { createOverview } from '../overview/index.ts';
import { createProjectConfig } from '../project-config/index.ts';
import { createProjects } from '../projects/index.ts';
import { createRecovery } from '../recovery/index.ts';
import { createScorecard } from '../scorecard/index.ts';
import { createVault, KeytarSecretStore } from '../secrets/index.ts';
import { createSettings } from '../settings/index.ts';
import { localSshEnvironment } from '../ssh/index.ts';
import { appInfoHandlers } from './app-info.ts';
import type { Core, CoreOptions } from './core-options.ts';
import { openDataDir } from './open-data-dir.ts';

export type { Core, CoreOptions } from './core-options.ts';

/**
 * Builds the whole core for one data directory, and only wires: each capability's factory gets its
 * dependencies and returns its service and its contract block. It knows nothing of Electron or
 * HTTP: the window, `photon serve` and the CLI are thin doors into what this returns.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const { dataDir, store, notices: restoreNotices, release } = openDataDir(options.dataDir, options.nativeBinding);
  const { db } = store;
  const events = new EventBus();
  const secrets = options.secrets ?? new KeytarSecretStore();
  const settings = createSettings({ store: options.settings, events });
  const staleAfterSeconds = () => settings.service.get().staleAfterSeconds;
  const projects = createProjects({ db, events });
  const requireProject = (id: string) => projects.service.require(id);
  const loops = createLoops({ events });
  const vault = createVault({ db, secrets, events });
  // ssh monitors without a pin of their own read the hosts' pins; hosts are built right after the engine.
  const pinnedHostKey = (host: string, port: number) => hosts.service.pinFor(host, port);
  const monitors = createMonitors({
    db, events, loops: loops.service, registry: options.checks ?? checkRegistry, logger, requireProject, pinnedHostKey,
    ...(options.networkGuard && { guard: options.networkGuard }),
    ...(options.onSchedulingLag && { onLag: options.onSchedulingLag }),
  });
  const monitoring = monitors.service;
  const hosts = createHosts({ db, events, monitoring, vault: vault.service, localUser: localSshEnvironment().localUser || 'root', ...(options.knownHostsFile && { knownHostsFile: options.knownHostsFile }) });
  const recovery = createRecovery({
    db, events, hosts: hosts.service, monitoring, secrets, loops: loops.service, logger,
    ...(options.which && { which: options.which }),
    ...(options.recoveryPollMs !== undefined && { pollMs: options.recoveryPollMs }),
  });
  const projectConfig = createProjectConfig({ db, requireProject, monitoring, recovery: recovery.service });
  const agents = createAgents({ db, events, secrets, logger, loops: loops.service, projects: projects.service, options: options.agents ?? {} });
  projects.forgetWith((id) => void monitoring.removeProjectMonitors(id));
  projects.forgetWith(agents.forgetProject);
  const scorecard = createScorecard({
    db, events, monitoring, requireProject, staleAfterSeconds,
    loops: () => loops.service.list(),
    declared: (projectId) => projectConfig.service.declaredFacts(projectId),
  });
  const alertMonitors = alertMonitorsOf(monitoring);
  const maintenance = createMaintenance({ db, events, monitors: alertMonitors, requireMonitor: (id) => monitoring.get(id) });
  const alerts = createAlerts({
    db, events, secrets, loops: loops.service, maintenance: maintenance.service, monitors: alertMonitors,
    ...options.alerts,
    backupEvidence: (now) => readBackupEvidence(db, now),
  });
  const backups = createBackups({
    db, dataDir, events, logger, loops: loops.service, evidence: scorecard.service,
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
    ...(options.backupCheckEveryMs !== undefined && { checkEveryMs: options.backupCheckEveryMs }),
  });
  const overview = createOverview({ monitoring, loops: () => loops.service.list(), environment: projectConfig.service, requireProject, staleAfterSeconds });
  const notices = [...restoreNotices, ...store.notices, ...options.settings.notices, ...monitoring.start(), ...recovery.service.startLoops()];
  alerts.service.start();
  backups.service.start();
  notices.forEach((n) => logger.warn(n));

  const capabilities = [settings, projects, loops, vault, monitors, hosts, recovery, projectConfig, agents, scorecard, maintenance, alerts, backups, overview];
  const appInfo = appInfoHandlers(() => ({ transport: options.transport, dataDir, schemaVersion: store.schemaVersion, notices }));
  const handlers: Handlers = Object.assign({}, appInfo, ...capabilities.map((c) => c.handlers));
  const errorFamilies = [fileReadErrors, ...capabilities.flatMap((c) => ('errors' in c ? [c.errors] : []))];
  let closing: Promise<void> | null = null;
  return {
    dispatch: createDispatcher(handlers, logger, errorFamilies),
    events, dataDir, notices, monitoring, secrets,
    loops: loops.service, hosts: hosts.service, recovery: recovery.service, agents: agents.service, evidence: scorecard.service,
    alerts: alerts.service, maintenance: maintenance.service, backups: backups.service,
    metrics: createMetrics({ monitoring, loops: loops.service, backupEvidence: () => readBackupEvidence(db) }),
    close: () =>
      (closing ??= (async () => {
        loops.stop();
        await recovery.service.stop();
        await backups.service.stop();
        await alerts.service.stop();
        await Promise.all([monitoring.stop(), agents.service.close()]);
        db.close();
        release();
      })()),
  };
}
