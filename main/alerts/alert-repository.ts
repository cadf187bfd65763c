import type Database from 'better-sqlite3';
import type { AlertKind, AlertMessage } from './alert-message.ts';

export type AlertState = 'queued' | 'held' | 'suppressed' | 'folded';
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'failed';

export interface NewAlert {
  incidentId: number | null;
  monitorId: number | null;
  monitorName: string;
  kind: AlertKind;
  state: AlertState;
  title: string;
  message: string;
  note?: string;
}

export interface AttemptRecord {
  at: number;
  durationMs: number;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
}

export interface DeliveryRecord {
  id: number;
  alertId: number;
  channelId: number;
  channelName: string;
  channelKind: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  log: AttemptRecord[];
}

/** An alert as stored: what was inserted, its note always present (empty when none). */
export interface AlertRecord extends Required<NewAlert> {
  id: number;
  createdAt: number;
  deliveries: DeliveryRecord[];
}

interface AlertRow {
  id: number;
  incident_id: number | null;
  monitor_id: number | null;
  monitor_name: string;
  kind: AlertKind;
  state: AlertState;
  title: string;
  message: string;
  note: string;
  created_at: number;
}

interface DeliveryRow {
  id: number;
  alert_id: number;
  channel_id: number;
  channel_name: string;
  channel_kind: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** How long a claimed delivery is left alone: longer than any one attempt (the webhook timeout is 10 s). */
export const CLAIM_LEASE_MS = 60_000;

/** Alerts, their deliveries (one per channel) and every delivery attempt. */
export class AlertRepository {
  constructor(private readonly db: Database.Database) {}

  insertAlert(a: NewAlert, now: number): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO alerts (incident_id, monitor_id, monitor_name, kind, state, title, message, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(a.incidentId, a.monitorId, a.monitorName, a.kind, a.state, a.title, a.message, a.note ?? '', now).lastInsertRowid,
    );
  }

  /** A held alert becomes a sent one (its deliveries are added by the caller). */
  release(alertId: number, note: string): void {
    this.db.prepare("UPDATE alerts SET state = 'queued', note = ? WHERE id = ? AND state = 'held'").run(note, alertId);
  }

  insertDelivery(alertId: number, channelId: number, now: number, nextAttemptAt: number | null = now): number {
    return Number(
      this.db
        .prepare("INSERT INTO alert_deliveries (alert_id, channel_id, status, created_at, next_attempt_at) VALUES (?, ?, 'pending', ?, ?)")
        .run(alertId, channelId, now, nextAttemptAt).lastInsertRowid,
    );
  }

  message(alertId: number): AlertMessage | undefined {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(alertId) as AlertRow | undefined;
    if (!r) return undefined;
    return { alertId: r.id, kind: r.kind, title: r.title, message: r.message, monitorId: r.monitor_id, monitorName: r.monitor_name, incidentId: r.incident_id, at: r.created_at };
  }

  /**
   * Takes due deliveries for sending: their next_attempt_at moves `leaseMs` ahead in the same
   * transaction, so a second tick (or a test-send) cannot pick the same delivery while it is in
   * flight, yet a process killed mid-send (or an attempt that never recorded) leaves it due again
   * once the lease has run out, not pending forever. Recording the attempt replaces the lease.
   */
  claimDue(now: number, limit: number, leaseMs: number = CLAIM_LEASE_MS): Array<{ id: number; alertId: number; channelId: number; attempts: number }> {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          "SELECT id, alert_id AS alertId, channel_id AS channelId, attempts FROM alert_deliveries WHERE status IN ('pending','retrying') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        )
        .all(now, limit) as Array<{ id: number; alertId: number; channelId: number; attempts: number }>;
      const claim = this.db.prepare('UPDATE alert_deliveries SET next_attempt_at = ? WHERE id = ?');
      rows.forEach((r) => claim.run(now + leaseMs, r.id));
      return rows;
    })();
  }

  recordAttempt(deliveryId: number, attempt: AttemptRecord, next: { status: DeliveryStatus; nextAttemptAt: number | null }): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO delivery_attempts (delivery_id, at, duration_ms, ok, http_status, error) VALUES (?, ?, ?, ?, ?, ?)')
        .run(deliveryId, attempt.at, attempt.durationMs, attempt.ok ? 1 : 0, attempt.httpStatus, attempt.error);
      this.db
        .prepare(
          'UPDATE alert_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?, delivered_at = CASE WHEN ? THEN ? ELSE delivered_at END WHERE id = ?',
        )
        .run(next.status, next.nextAttemptAt, attempt.error, attempt.ok ? 1 : 0, attempt.at, deliveryId);
    })();
  }

  delivery(id: number): DeliveryRecord | undefined {
    return this.deliveries(`d.id = ?`, [id])[0];
  }

  recent(limit: number): AlertRecord[] {
    const rows = this.db.prepare('SELECT * FROM alerts ORDER BY id DESC LIMIT ?').all(limit) as AlertRow[];
    if (rows.length === 0) return [];
    const byAlert = groupBy(this.deliveries(`d.alert_id >= ?`, [rows.at(-1)!.id]), (d) => d.alertId);
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      monitorId: r.monitor_id,
      monitorName: r.monitor_name,
      kind: r.kind,
      state: r.state,
      title: r.title,
      message: r.message,
      note: r.note,
      createdAt: r.created_at,
      deliveries: byAlert.get(r.id) ?? [],
    }));
  }

  private deliveries(where: string, params: unknown[]): DeliveryRecord[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, c.name AS channel_name, c.kind AS channel_kind FROM alert_deliveries d JOIN alert_channels c ON c.id = d.channel_id WHERE ${where} ORDER BY d.id`,
      )
      .all(...params) as DeliveryRow[];
    if (rows.length === 0) return [];
    const attempts = this.db
      .prepare(`SELECT delivery_id, at, duration_ms, ok, http_status, error FROM delivery_attempts WHERE delivery_id >= ? ORDER BY id`)
      .all(rows[0]!.id) as Array<{ delivery_id: number; at: number; duration_ms: number; ok: number; http_status: number | null; error: string | null }>;
    const log = groupBy(
      attempts,
      (a) => a.delivery_id,
      (a): AttemptRecord => ({ at: a.at, durationMs: a.duration_ms, ok: a.ok === 1, httpStatus: a.http_status, error: a.error }),
    );
    return rows.map((d) => ({
      id: d.id,
      alertId: d.alert_id,
      channelId: d.channel_id,
      channelName: d.channel_name,
      channelKind: d.channel_kind,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.next_attempt_at,
      lastError: d.last_error,
      createdAt: d.created_at,
      deliveredAt: d.delivered_at,
      log: log.get(d.id) ?? [],
    }));
  }
}

/** Items by key, in their order; `as` turns a row into what the list holds. */
function groupBy<T, K, V = T>(items: readonly T[], keyOf: (item: T) => K, as: (item: T) => V = (item) => item as unknown as V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const list = groups.get(keyOf(item)) ?? [];
    list.push(as(item));
    groups.set(keyOf(item), list);
  }
  return groups;
}
