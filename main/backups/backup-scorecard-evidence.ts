import type Database from 'better-sqlite3';
import { BACKUPS_PROVIDER, type EvidenceProvider } from '../scorecard/index.ts';
import { readBackupEvidence } from './backup-evidence.ts';

/**
 * The scorecard's "backups are recent" from the remote backup targets (a project's own data pulled
 * over SSH), judged by each target's thresholds. The console's own database backup is not the
 * project's, so it does not count. No target: unknown, never a guessed pass.
 */
export function backupEvidenceProvider(db: Database.Database): EvidenceProvider {
  return {
    id: BACKUPS_PROVIDER,
    collect: ({ now }) => {
      const targets = readBackupEvidence(db, now).filter((e) => e.targetId !== null);
      if (targets.length === 0) return { status: 'unknown', reason: 'no remote backup target is configured (Backups view)', evidence: [] };
      const evidence = targets.map((t) => ({
        kind: 'probe' as const,
        monitorId: null,
        probe: `backup ${t.subject}`,
        at: new Date(t.measuredAt).toISOString(),
        note: `${t.status}: ${t.detail}`,
      }));
      const stale = targets.filter((t) => t.status !== 'UP');
      if (stale.length === 0) return { status: 'pass', reason: `${targets.length} backup target${targets.length === 1 ? '' : 's'} within their age limits`, evidence };
      const unknown = stale.every((t) => t.status === 'UNKNOWN');
      return {
        status: unknown ? 'unknown' : 'fail',
        reason: stale.map((t) => `${t.subject}: ${t.detail}`).join('; '),
        evidence,
      };
    },
  };
}
