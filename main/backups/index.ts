import type { EvidenceProviderRegistry } from '../scorecard/index.ts';
import { backupErrors } from './backup-contract-errors.ts';
import { backupEvidenceProvider } from './backup-scorecard-evidence.ts';
import { BackupService, type BackupOptions } from './backup-service.ts';
import { backupHandlers } from './handlers.ts';

export { BackupService } from './backup-service.ts';
export { applyPendingRestore } from './pending-restore.ts';
export { readBackupEvidence } from './backup-evidence.ts';
export { renderBackupMetrics } from './backup-metrics.ts';
export { PENDING_RESTORE_FILE, pendingRestoreExists } from './pending-restore.ts';
export { restoreDatabaseFile, type RestorePhase } from './restore-database.ts';
export { BackupInvalidError } from './verify-database-file.ts';

/** Backups of the console's database and remote pulls; their freshness is scorecard evidence. */
export function createBackups(deps: BackupOptions & { evidence: EvidenceProviderRegistry }) {
  const { evidence, ...options } = deps;
  evidence.register(backupEvidenceProvider(options.db));
  const service = new BackupService(options);
  return { service, handlers: backupHandlers(service), errors: backupErrors };
}
