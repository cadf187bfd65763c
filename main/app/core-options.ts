import type { AppInfo } from '../../preload/contract.ts';
import type { AgentsOptions, AgentsRuntime } from '../agents/index.ts';
import type { AlertsService } from '../alerts/index.ts';
import type { Dispatch } from '../api/dispatcher.ts';
import type { BackupService } from '../backups/index.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Logger } from '../core/logger.ts';
import type { HostsService } from '../hosts/index.ts';
import type { LoopRegistry } from '../loops/index.ts';
import type { MaintenanceService } from '../maintenance/index.ts';
import type { CheckRegistry, MonitoringService, NetworkGuard } from '../monitors/index.ts';
import type { RecoveryService } from '../recovery/index.ts';
import type { EvidenceProviderRegistry } from '../scorecard/index.ts';
import type { SecretStore } from '../secrets/index.ts';
import type { SettingsStore } from '../settings/index.ts';

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

