import type { BackupEvidence } from '../../preload/schemas/backups.ts';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus text for the backup evidence, appended to `/metrics`. A subject with no good backup
 * yet has no age sample at all (never a made-up 0); its status sample says why.
 */
export function renderBackupMetrics(evidence: readonly BackupEvidence[]): string {
  const label = (e: BackupEvidence) => `subject="${esc(e.subject)}"${e.targetId === null ? '' : `,target_id="${e.targetId}"`}`;
  return [
    '# HELP photon_backup_last_good_age_seconds Age of the last good backup, measured when scraped.',
    '# TYPE photon_backup_last_good_age_seconds gauge',
    ...evidence.filter((e) => e.ageMs !== null).map((e) => `photon_backup_last_good_age_seconds{${label(e)}} ${Math.round(e.ageMs! / 1000)}`),
    '# HELP photon_backup_status Backup check status as a label (value always 1): UP, DEGRADED, DOWN or UNKNOWN.',
    '# TYPE photon_backup_status gauge',
    ...evidence.map((e) => `photon_backup_status{${label(e)},status="${e.status}"} 1`),
    '',
  ].join('\n');
}
