import type { Handlers } from '../api/dispatcher.ts';
import type { BackupService } from './backup-service.ts';

/** The backups block of the contract: the console's own database, remote pulls, staged restores. */
export function backupHandlers(backups: BackupService) {
  return {
    getBackupStatus: () => backups.status(),
    updateBackupConfig: (input) => backups.setConfig(input),
    runBackupNow: () => backups.backupDatabase('manual'),
    restoreBackup: (input) => backups.stage(input.id, input.confirmName),
    cancelPendingRestore: () => backups.cancelRestore(),
    saveRemoteBackupTarget: (input) => backups.saveTarget(input),
    removeRemoteBackupTarget: (input) => backups.removeTarget(input.id),
    runRemoteBackupNow: (input) => backups.backupRemote(input.id),
    getBackupEvidence: () => backups.evidence(),
  } satisfies Partial<Handlers>;
}
