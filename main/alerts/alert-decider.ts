import type Database from 'better-sqlite3';
import type { MaintenanceService } from '../maintenance/index.ts';
import type { AlertKind } from './alert-message.ts';
import type { AlertRepository, AlertState } from './alert-repository.ts';
import { describeDuration } from './describe-duration.ts';
import { isFlapping } from './flapping.ts';

export interface AlertMonitors {
  nameOf(id: number): string | null;
  parentOf(id: number): number | null;
  statusOf(id: number): string | null;
  /** Names of monitors that depend on this one (directly). */
  dependentsOf(id: number): string[];
}

export interface AlertPolicy {
  /** 0 turns reminders off. */
  reminderMinutes: number;
  flapWindowMinutes: number;
  flapThreshold: number;
}

type Disposition = 'alerted' | 'held' | 'folded-parent' | 'folded-flapping' | 'suppressed';

interface IncidentRow {
  id: number;
  monitor_id: number;
  opened_at: number;
  closed_at: number | null;
  cause: string;
}

interface TrackedRow extends IncidentRow {
  disposition: Disposition;
  last_notified_at: number | null;
}

export interface DeciderDeps {
  db: Database.Database;
  alerts: AlertRepository;
  monitors: AlertMonitors;
  maintenance: MaintenanceService;
  enabledChannels: () => number[];
}

/**
 * Turns incidents into alerts — never check results. Reads the incidents table the engine writes
 * (a cursor over new ids plus the open ones it tracks), so a restart neither repeats nor loses an
 * alert. One evaluation is one transaction.
 *
 * Rules, in order, for a newly opened incident:
 * 1. an ancestor monitor has an open incident → folded into it (the engine already blocks most
 *    children; this catches the rest);
 * 2. the monitor is flapping (≥ threshold incidents in the window) → one "flapping" alert, later
 *    changes folded until it has been calm for a whole window;
 * 3. a maintenance window covers the monitor → held; sent when the window ends if still open;
 * 4. otherwise → an "open" alert to every enabled channel, reminders while open, then "resolved".
 */
export class AlertDecider {
  constructor(private readonly d: DeciderDeps) {}

  policy(): AlertPolicy {
    const row = this.d.db.prepare('SELECT reminder_minutes, flap_window_minutes, flap_threshold FROM alert_policy WHERE id = 1').get() as {
      reminder_minutes: number;
      flap_window_minutes: number;
      flap_threshold: number;
    };
    return { reminderMinutes: row.reminder_minutes, flapWindowMinutes: row.flap_window_minutes, flapThreshold: row.flap_threshold };
  }

  setPolicy(p: AlertPolicy): AlertPolicy {
    this.d.db.prepare('UPDATE alert_policy SET reminder_minutes = ?, flap_window_minutes = ?, flap_threshold = ? WHERE id = 1').run(p.reminderMinutes, p.flapWindowMinutes, p.flapThreshold);
    return this.policy();
  }

  /** Returns the number of alerts created. */
  evaluate(now: number): number {
    return this.d.db.transaction(() => {
      let created = 0;
      const policy = this.policy();
      const emit = (kind: AlertKind, state: AlertState, inc: { id: number | null; monitorId: number }, title: string, message: string, note = '') => {
        const monitorName = this.name(inc.monitorId);
        const alertId = this.d.alerts.insertAlert({ incidentId: inc.id, monitorId: inc.monitorId, monitorName, kind, state, title: `${title}: ${monitorName}`, message, note }, now);
        if (state === 'queued') this.d.enabledChannels().forEach((c) => this.d.alerts.insertDelivery(alertId, c, now));
        created++;
        return alertId;
      };
      this.decideNew(now, policy, emit);
      this.followTracked(now, policy, emit);
      this.endFlapping(now, policy, emit);
      return created;
    })();
  }

  private decideNew(now: number, policy: AlertPolicy, emit: Emit): void {
    const { last_incident_id: cursor } = this.d.db.prepare('SELECT last_incident_id FROM alert_policy WHERE id = 1').get() as { last_incident_id: number };
    const fresh = this.d.db.prepare('SELECT * FROM incidents WHERE id > ? ORDER BY id').all(cursor) as IncidentRow[];
    for (const inc of fresh) {
      const ref = { id: inc.id, monitorId: inc.monitor_id };
      const track = (disposition: Disposition, notifiedAt: number | null) =>
        this.d.db
          .prepare('INSERT OR REPLACE INTO incident_alerts (incident_id, monitor_id, disposition, last_notified_at, resolved) VALUES (?, ?, ?, ?, ?)')
          .run(inc.id, inc.monitor_id, disposition, notifiedAt, inc.closed_at === null ? 0 : 1);

      const parentIncident = this.openAncestorIncident(inc.monitor_id);
      if (parentIncident) {
        emit('open', 'folded', ref, 'DOWN', inc.cause, `folded into incident #${parentIncident.id} of ${this.name(parentIncident.monitor_id)}, which it depends on`);
        track('folded-parent', null);
        continue;
      }
      const flapping = this.d.db.prepare('SELECT monitor_id FROM flapping_monitors WHERE monitor_id = ?').get(inc.monitor_id);
      if (flapping) {
        this.d.db.prepare('UPDATE flapping_monitors SET last_change_at = ? WHERE monitor_id = ?').run(Math.max(inc.opened_at, inc.closed_at ?? 0), inc.monitor_id);
        track('folded-flapping', null);
        continue;
      }
      const windowMs = policy.flapWindowMinutes * 60_000;
      const opened = (this.d.db.prepare('SELECT opened_at FROM incidents WHERE monitor_id = ? AND opened_at > ?').all(inc.monitor_id, inc.opened_at - windowMs) as Array<{ opened_at: number }>).map((r) => r.opened_at);
      if (isFlapping(opened, inc.opened_at, windowMs, policy.flapThreshold)) {
        const held = this.d.maintenance.activeFor(inc.monitor_id, now);
        const alertId = emit(
          'flapping',
          held ? 'held' : 'queued',
          ref,
          'FLAPPING',
          `${opened.length} incidents in the last ${policy.flapWindowMinutes} min (latest: ${inc.cause}). Further changes are folded into this alert until it has been stable for ${policy.flapWindowMinutes} min.`,
          held ? `held: maintenance window "${held.window.name}"` : '',
        );
        this.d.db.prepare('INSERT INTO flapping_monitors (monitor_id, since, last_change_at, alert_id) VALUES (?, ?, ?, ?)').run(inc.monitor_id, now, Math.max(inc.opened_at, inc.closed_at ?? 0), alertId);
        track('folded-flapping', null);
        continue;
      }
      const held = this.d.maintenance.activeFor(inc.monitor_id, now);
      if (held) {
        emit('open', 'held', ref, 'DOWN', this.openText(inc), `held: maintenance window "${held.window.name}" until ${new Date(held.occurrence.end).toISOString()}`);
        track('held', null);
        continue;
      }
      if (inc.closed_at !== null) {
        // Opened and closed between two evaluations (e.g. while the app was stopped): one summary.
        emit('resolved', 'queued', ref, 'RECOVERED', `Was down for ${describeDuration(inc.closed_at - inc.opened_at)} (incident #${inc.id}): ${inc.cause}`);
        track('alerted', now);
        continue;
      }
      emit('open', 'queued', ref, 'DOWN', this.openText(inc));
      track('alerted', now);
    }
    const last = fresh.at(-1);
    if (last) this.d.db.prepare('UPDATE alert_policy SET last_incident_id = ? WHERE id = 1').run(last.id);
  }

  private followTracked(now: number, policy: AlertPolicy, emit: Emit): void {
    const tracked = this.d.db
      .prepare(
        'SELECT i.*, a.disposition, a.last_notified_at FROM incident_alerts a JOIN incidents i ON i.id = a.incident_id WHERE a.resolved = 0 ORDER BY i.id',
      )
      .all() as TrackedRow[];
    const setTracked = this.d.db.prepare('UPDATE incident_alerts SET disposition = ?, last_notified_at = ?, resolved = ? WHERE incident_id = ?');
    for (const inc of tracked) {
      const ref = { id: inc.id, monitorId: inc.monitor_id };
      const closed = inc.closed_at !== null;
      switch (inc.disposition) {
        case 'alerted':
          if (closed) {
            emit('resolved', 'queued', ref, 'RESOLVED', `Back up after ${describeDuration(inc.closed_at! - inc.opened_at)} (incident #${inc.id}).`);
            setTracked.run('alerted', now, 1, inc.id);
          } else if (policy.reminderMinutes > 0 && now - (inc.last_notified_at ?? inc.opened_at) >= policy.reminderMinutes * 60_000 && !this.d.maintenance.activeFor(inc.monitor_id, now)) {
            emit('reminder', 'queued', ref, 'STILL DOWN', `Down for ${describeDuration(now - inc.opened_at)} (incident #${inc.id}): ${inc.cause}`);
            setTracked.run('alerted', now, 0, inc.id);
          }
          break;
        case 'held':
          if (closed) {
            setTracked.run('suppressed', null, 1, inc.id);
          } else if (!this.d.maintenance.activeFor(inc.monitor_id, now)) {
            emit('open', 'queued', ref, 'DOWN', this.openText(inc), 'opened during a maintenance window and still open after it ended');
            setTracked.run('alerted', now, 0, inc.id);
          }
          break;
        case 'folded-parent':
          if (closed) setTracked.run('folded-parent', null, 1, inc.id);
          else if (!this.openAncestorIncident(inc.monitor_id)) {
            // The parent recovered but this one did not: it is now its own outage.
            emit('open', 'queued', ref, 'DOWN', this.openText(inc), 'its parent recovered; this monitor is still down');
            setTracked.run('alerted', now, 0, inc.id);
          }
          break;
        case 'folded-flapping':
          if (closed) {
            this.d.db.prepare('UPDATE flapping_monitors SET last_change_at = MAX(last_change_at, ?) WHERE monitor_id = ?').run(inc.closed_at, inc.monitor_id);
            setTracked.run('folded-flapping', null, 1, inc.id);
          }
          break;
        case 'suppressed':
          setTracked.run('suppressed', null, 1, inc.id);
          break;
      }
    }
  }

  private endFlapping(now: number, policy: AlertPolicy, emit: Emit): void {
    // A flapping alert held by maintenance goes out once the window is over, if still flapping.
    const held = this.d.db
      .prepare("SELECT f.monitor_id, f.alert_id FROM flapping_monitors f JOIN alerts a ON a.id = f.alert_id WHERE a.state = 'held'")
      .all() as Array<{ monitor_id: number; alert_id: number }>;
    for (const h of held) {
      if (this.d.maintenance.activeFor(h.monitor_id, now)) continue;
      this.d.alerts.release(h.alert_id, 'held during a maintenance window; still flapping after it ended');
      this.d.enabledChannels().forEach((c) => this.d.alerts.insertDelivery(h.alert_id, c, now));
    }
    const windowMs = policy.flapWindowMinutes * 60_000;
    const calm = this.d.db.prepare('SELECT monitor_id, since FROM flapping_monitors WHERE last_change_at <= ?').all(now - windowMs) as Array<{ monitor_id: number; since: number }>;
    for (const f of calm) {
      const open = this.d.db
        .prepare(
          "SELECT i.* FROM incident_alerts a JOIN incidents i ON i.id = a.incident_id WHERE a.monitor_id = ? AND a.resolved = 0 AND a.disposition = 'folded-flapping' AND i.closed_at IS NULL ORDER BY i.id DESC LIMIT 1",
        )
        .get(f.monitor_id) as IncidentRow | undefined;
      const held = this.d.maintenance.activeFor(f.monitor_id, now);
      const calmFor = `No incident changes for ${policy.flapWindowMinutes} min after flapping since ${new Date(f.since).toISOString()}`;
      if (open) {
        // It settled DOWN: that is an outage, announced as one (red, not "stable"), and like any
        // incident held during maintenance and sent if still open when the window ends.
        emit(
          'open',
          held ? 'held' : 'queued',
          { id: open.id, monitorId: f.monitor_id },
          'DOWN',
          `${this.openText(open)} ${calmFor}; it settled down, not up.`,
          held ? `held: maintenance window "${held.window.name}" until ${new Date(held.occurrence.end).toISOString()}` : 'flapping ended with the incident still open',
        );
        // From here the incident follows the normal rules: reminders, then a resolution (or, held, the window's end).
        this.d.db.prepare('UPDATE incident_alerts SET disposition = ?, last_notified_at = ? WHERE incident_id = ?').run(held ? 'held' : 'alerted', held ? null : now, open.id);
      } else {
        const status = this.d.monitors.statusOf(f.monitor_id) ?? 'unknown';
        emit('flapping-ended', held ? 'held' : 'queued', { id: null, monitorId: f.monitor_id }, 'STABLE', `${calmFor}; now ${status}.`);
      }
      this.d.db.prepare('DELETE FROM flapping_monitors WHERE monitor_id = ?').run(f.monitor_id);
    }
  }

  private openAncestorIncident(monitorId: number): IncidentRow | undefined {
    const find = this.d.db.prepare('SELECT * FROM incidents WHERE monitor_id = ? AND closed_at IS NULL ORDER BY id DESC LIMIT 1');
    for (let p = this.d.monitors.parentOf(monitorId), hops = 0; p !== null && hops < 64; p = this.d.monitors.parentOf(p), hops++) {
      const inc = find.get(p) as IncidentRow | undefined;
      if (inc) return inc;
    }
    return undefined;
  }

  private openText(inc: IncidentRow): string {
    const dependents = this.d.monitors.dependentsOf(inc.monitor_id);
    const also = dependents.length > 0 ? ` Depending on it: ${dependents.join(', ')} (not alerted separately).` : '';
    return `${inc.cause} (incident #${inc.id}, since ${new Date(inc.opened_at).toISOString()}).${also}`;
  }

  private name(monitorId: number): string {
    return this.d.monitors.nameOf(monitorId) ?? `monitor #${monitorId}`;
  }
}

type Emit = (kind: AlertKind, state: AlertState, inc: { id: number | null; monitorId: number }, title: string, message: string, note?: string) => number;
