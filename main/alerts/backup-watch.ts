import type Database from 'better-sqlite3';
import type { BackupEvidence } from '../../preload/schemas/backups.ts';
import type { AlertRepository } from './alert-repository.ts';

/**
 * The backup check treated like a monitor for alerting: an alert when a subject's last good backup
 * becomes older than its fail threshold (DOWN), a resolution when a good backup brings it back to
 * UP. DEGRADED (past the warning) is shown in the views but not alerted, as a monitor's retries are not.
 */
export class BackupWatch {
  constructor(
    private readonly db: Database.Database,
    private readonly alerts: AlertRepository,
    private readonly enabledChannels: () => number[],
  ) {}

  /** Returns the number of alerts created. */
  evaluate(evidence: readonly BackupEvidence[], now: number): number {
    return this.db.transaction(() => {
      let created = 0;
      const seen = new Set<string>();
      const read = this.db.prepare('SELECT status FROM backup_alert_state WHERE subject_key = ?');
      const write = this.db.prepare('INSERT INTO backup_alert_state (subject_key, status) VALUES (?, ?) ON CONFLICT(subject_key) DO UPDATE SET status = excluded.status');
      for (const e of evidence) {
        const key = e.targetId === null ? 'database' : `remote:${e.targetId}`;
        seen.add(key);
        const prev = (read.get(key) as { status: string } | undefined)?.status ?? null;
        if (e.status === 'DOWN' && prev !== 'DOWN') {
          this.raise('open', `BACKUP OVERDUE: ${e.subject}`, `${e.detail} (measured ${new Date(e.measuredAt).toISOString()} from ${e.source}).`, e.subject, now);
          created++;
        } else if (prev === 'DOWN' && e.status === 'UP') {
          this.raise('resolved', `BACKUP OK: ${e.subject}`, `${e.detail}.`, e.subject, now);
          created++;
        }
        write.run(key, e.status);
      }
      for (const row of this.db.prepare('SELECT subject_key FROM backup_alert_state').all() as Array<{ subject_key: string }>) {
        if (!seen.has(row.subject_key)) this.db.prepare('DELETE FROM backup_alert_state WHERE subject_key = ?').run(row.subject_key);
      }
      return created;
    })();
  }

  private raise(kind: 'open' | 'resolved', title: string, message: string, subject: string, now: number): void {
    const alertId = this.alerts.insertAlert({ incidentId: null, monitorId: null, monitorName: subject, kind, state: 'queued', title, message }, now);
    this.enabledChannels().forEach((c) => this.alerts.insertDelivery(alertId, c, now));
  }
}
