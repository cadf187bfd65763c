import type { BackupEvidence } from '../../preload/schemas/backups.ts';
import { renderBackupMetrics } from '../backups/index.ts';
import type { LoopRegistry } from '../loops/index.ts';
import type { MonitoringService } from '../monitors/index.ts';
import { renderPrometheusMetrics } from './prometheus.ts';

/** The Prometheus text exposition of monitors, loops and backups, rendered when scraped. */
export function createMetrics(deps: { monitoring: MonitoringService; loops: LoopRegistry; backupEvidence: () => BackupEvidence[] }) {
  return () => renderPrometheusMetrics(deps.monitoring.snapshot(), deps.loops.list(), deps.monitoring.lag) + renderBackupMetrics(deps.backupEvidence());
}
