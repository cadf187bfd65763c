import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../preload/contract.ts';
import { createDispatcher, type Dispatch } from '../api/dispatcher.ts';
import { startAgents, type AgentsOptions, type AgentsRuntime } from '../agents/agents-runtime.ts';
import { createAgentHandlers } from '../agents/handlers.ts';
import { LoopRegistry } from '../loops/loop-registry.ts';
import { renderPrometheusMetrics } from '../metrics/prometheus.ts';
import { checkRegistry } from '../monitors/checks/registry.ts';
import type { CheckRegistry } from '../monitors/compile-monitor.ts';
import { MonitoringService } from '../monitors/monitoring-service.ts';
import type { NetworkGuard } from '../monitors/network-guard.ts';
import { buildOverview } from '../overview/build-overview.ts';
import { EnvironmentRepository } from '../project-config/environment-repository.ts';
import { importProjectConfig } from '../project-config/import-project-config.ts';
import { ProjectsRepository } from '../projects/projects-repository.ts';
import { ProjectsService } from '../projects/projects-service.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { KeytarSecretStore } from '../secrets/keytar-secret-store.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import { openDatabase } from '../store/open-database.ts';
import { HostsService } from '../hosts/hosts-service.ts';
import { createRecoveryHandlers } from '../recovery/handlers.ts';
import { RecoveryService } from '../recovery/recovery-service.ts';
import { VaultService } from '../secrets/vault-service.ts';
import { localSshEnvironment } from '../ssh/ssh-config-import.ts';
import { EvidenceProviderRegistry } from '../scorecard/evidence/provider-registry.ts';
import { createScorecardHandlers } from '../scorecard/scorecard-handlers.ts';
import { EventBus } from './event-bus.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { consoleLogger, type Logger } from './logger.ts';
import { throttle } from './throttle.ts';
import { APP_VERSION } from './version.ts';
import { AlertsService, alertMonitorsOf } from '../alerts/alerts-service.ts';
import { MaintenanceService } from '../maintenance/maintenance-service.ts';
import { SERIES_RANGE_MS } from '../maintenance/series-range.ts';
import { BackupService } from '../backups/backup-service.ts';
import { applyPendingRestore } from '../backups/pending-restore.ts';
import { readBackupEvidence } from '../backups/backup-evidence.ts';
import { renderBackupMetrics } from '../backups/backup-metrics.ts';
import { backupEvidenceProvider } from '../backups/backup-scorecard-evidence.ts';

export interface CoreOptions {
  dataDir: string;
  settings: SettingsStore;
  transport: AppInfo['transport'];
  nativeBinding?: string;
  logger?: Logger;
  /** Tests substitute scripted check kinds or a controllable network guard. */
  checks?: CheckRegistry;
  networkGuard?: NetworkGuard;
  /** The bench measures scheduling lag through this. */
  onSchedulingLag?: (lagMs: number) => void;
  /** The credentials vault; the OS keychain through keytar unless a test substitutes one. */
  secrets?: SecretStore;
  /** known_hosts consulted when checking host keys; ~/.ssh/known_hosts by default. */
  knownHostsFile?: string;
  /** Where local programs (cloud CLIs) are looked up; PATH by default. */
  which?: (program: string) => string | null;
  /** Pause between polls while a runbook waits for a host; tests shorten it. */
  recoveryPollMs?: number;
  /** Push ingest port and limits, loop rhythms. Without ingestPort no push listener is started. */
  agents?: AgentsOptions;
  /** Alert timing; tests shorten it. */
  alerts?: { tickMs?: number; retryBaseMs?: number; now?: () => number };
  /** How often the backup scheduler looks for due backups; tests shorten or lengthen it. */
  backupCheckEveryMs?: number;
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  dataDir: string;
  notices: readonly string[];
  monitoring: MonitoringService;
  loops: LoopRegistry;
  hosts: HostsService;
  recovery: RecoveryService;
  /** Main-process only: the contract exposes only what SecretAdmin allows, never reveal(). */
  secrets: SecretStore;
  /** Roster, reports, presence, trust; the push listener and the pull/sweep loops. */
  agents: AgentsRuntime;
  /** Evidence sources the scorecard asks on every assessment (e.g. backups freshness). */
  evidence: EvidenceProviderRegistry;
  alerts: AlertsService;
  maintenance: MaintenanceService;
  backups: BackupService;
  /** Prometheus text exposition of monitors and loops. */
  metrics(): string;
  close(): Promise<void>;
}

/** Loop health changes with every check; the renderer needs it a few times a minute, not per check. */
const LOOPS_EVENT_EVERY_MS = 2_000;

/**
 * Builds the whole core for one data directory. It knows nothing of Electron or HTTP: the window,
 * `photon serve` and the CLI are thin doors into what this returns.
 */
export function createCore(options: CoreOptions): Core {
  const logger = options.logger ?? consoleLogger;
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireDataDirLock(dataDir);
  let store: ReturnType<typeof openDatabase>;
  let restoreNotices: string[];
  try {
    // A restore staged from the UI is applied here: the lock is held and nothing has the file open.
    restoreNotices = applyPendingRestore(dataDir, options.nativeBinding);
    store = openDatabase(dataDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    releaseLock();
    throw err;
  }
  const events = new EventBus();
  const secrets = options.secrets ?? new KeytarSecretStore();

  const projects = new ProjectsService(new ProjectsRepository(store.db), events);
  const environment = new EnvironmentRepository(store.db);
  const loops = new LoopRegistry();
  const announceLoops = throttle(() => events.emit('loopsChanged', { loops: loops.list() }), LOOPS_EVENT_EVERY_MS);
  loops.onChange(announceLoops.call);
  // Declared before the engine starts: ssh monitors without a pin of their own read the hosts' pins.
  let hosts: HostsService | null = null;
  const monitoring = new MonitoringService({
    db: store.db,
    events,
    loops,
    registry: options.checks ?? checkRegistry,
    logger,
    ...(options.networkGuard && { guard: options.networkGuard }),
    ...(options.onSchedulingLag && { onLag: options.onSchedulingLag }),
    pinnedHostKey: (host, port) => hosts?.pinFor(host, port) ?? null,
  });
  const evidence = new EvidenceProviderRegistry();
  evidence.register(backupEvidenceProvider(store.db));
  const vault = new VaultService(store.db, secrets, events);
  hosts = new HostsService({ db: store.db, events, monitoring, vault, ...(options.knownHostsFile && { knownHostsFile: options.knownHostsFile }) });
  const recovery = new RecoveryService({
    db: store.db,
    events,
    hosts,
    monitoring,
    secrets,
    loops,
    logger,
    ...(options.which && { which: options.which }),
    ...(options.recoveryPollMs !== undefined && { pollMs: options.recoveryPollMs }),
  });
  const agents = startAgents({
    db: store.db,
    events,
    secrets,
    logger,
    loops,
    projectIds: () => projects.list().map((p) => p.id),
    options: options.agents ?? {},
  });
  const alertMonitors = alertMonitorsOf(monitoring);
  const maintenance = new MaintenanceService(store.db, alertMonitors, events);
  const alerts = new AlertsService({
    db: store.db,
    events,
    loops,
    secrets,
    maintenance,
    monitors: alertMonitors,
    ...(options.alerts?.tickMs !== undefined && { tickMs: options.alerts.tickMs }),
    ...(options.alerts?.retryBaseMs !== undefined && { retryBaseMs: options.alerts.retryBaseMs }),
    ...(options.alerts?.now && { now: options.alerts.now }),
    backupEvidence: (now) => readBackupEvidence(store.db, now),
  });
  const backups = new BackupService({
    db: store.db,
    dataDir,
    events,
    loops,
    logger,
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
    ...(options.backupCheckEveryMs !== undefined && { checkEveryMs: options.backupCheckEveryMs }),
  });
  const notices = [...restoreNotices, ...store.notices, ...options.settings.notices, ...monitoring.start(), ...recovery.startLoops()];
  alerts.start();
  backups.start();
  notices.forEach((n) => logger.warn(n));

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
      removeProject: async (input) => {
        projects.require(input.id);
        // The database would cascade the rows away, but the engine must stop and forget them first.
        monitoring.removeProjectMonitors(input.id);
        // Rows cascade too; the keychain entries they point to (push tokens, API keys) do not.
        const secretsOfAgents = agents.secretRefsOf(input.id);
        const removed = projects.remove(input.id);
        await agents.forgetSecrets(secretsOfAgents);
        return removed;
      },
      listMonitors: (input) => monitoring.list(input.projectId),
      getMonitor: (input) => monitoring.get(input.id),
      getMonitorSeries: (input) => monitoring.series(input.id, input.range),
      saveMonitor: (input) => {
        if (input.projectId !== null) projects.require(input.projectId);
        return monitoring.save(input);
      },
      removeMonitor: (input) => monitoring.remove(input.id),
      setMonitorPaused: (input) => monitoring.setPaused(input.id, input.paused),
      listIncidents: (input) => monitoring.incidents(input.monitorId, input.limit),
      listLoops: () => loops.list(),
      getOverview: (input) => {
        const projectId = input.projectId ?? null;
        if (projectId !== null) projects.require(projectId);
        return buildOverview({
          projectId,
          monitors: monitoring.snapshot().filter((m) => projectId === null || m.record.definition.projectId === projectId),
          loops: loops.list(),
          declared: projectId === null ? null : environment.get(projectId),
          staleAfterSeconds: options.settings.get().staleAfterSeconds,
          now: Date.now(),
        });
      },
      importProjectConfig: (input) => importProjectConfig(projects.require(input.projectId), monitoring, environment, recovery),
      getSettings: () => options.settings.get(),
      updateSettings: (patch) => {
        // IPC keeps explicit `undefined` values; they mean "not given", never "erase".
        const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const next = options.settings.update(given);
        events.emit('settingsChanged', next);
        return next;
      },
      ...createRecoveryHandlers({ vault, hosts, recovery, localUser: localSshEnvironment().localUser || 'root' }),
      ...createAgentHandlers(agents, projects),
      ...createScorecardHandlers({
        db: store.db,
        events,
        monitoring,
        loops: () => loops.list(),
        requireProject: (id) => projects.require(id),
        staleAfterSeconds: () => options.settings.get().staleAfterSeconds,
        providers: evidence,
        declared: (projectId) => {
          const env = environment.get(projectId);
          if (!env) return null;
          const facts = Object.fromEntries(Object.entries(env.declared).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
          return Object.keys(facts).length ? { facts, source: env.source } : null;
        },
      }),
      ...alerts.handlers(),
      listMaintenanceWindows: () => maintenance.list(),
      saveMaintenanceWindow: (input) => maintenance.save(input),
      removeMaintenanceWindow: (input) => maintenance.remove(input.id),
      getMonitorMaintenance: (input) => {
        monitoring.get(input.id);
        const now = Date.now();
        return maintenance.occurrencesFor(input.id, now - SERIES_RANGE_MS[input.range], now);
      },
      ...backups.handlers(),
    },
    logger,
  );

  let closing: Promise<void> | null = null;
  return {
    dispatch,
    events,
    dataDir,
    notices,
    monitoring,
    loops,
    hosts,
    recovery,
    secrets,
    agents,
    evidence,
    alerts,
    maintenance,
    backups,
    metrics: () => renderPrometheusMetrics(monitoring.snapshot(), loops.list(), monitoring.lag) + renderBackupMetrics(readBackupEvidence(store.db)),
    close: () =>
      (closing ??= (async () => {
        announceLoops.cancel();
        await recovery.stop();
        await backups.stop();
        await alerts.stop();
        await Promise.all([monitoring.stop(), agents.close()]);
        store.db.close();
        releaseLock();
      })()),
  };
}
