import type { Migration } from '../migrate.ts';

// Shipped: never edit. The SQL text is kept exactly as it first ran, indentation included (SQLite
// stores it in sqlite_schema). A schema change is a new file with the next number.

/**
 * Tables for alerts, deliveries, maintenance windows and backups (one migration). Webhook URLs are
 * NOT here: a channel row holds only the SecretRef of its URL in the OS keychain.
 */
export const migration: Migration = {
  version: 6,
  name: 'alerts-maintenance-backups',
  up: (db) => {
    db.exec(`
    CREATE TABLE alert_channels (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('desktop','slack','discord','ntfy','webhook')),
      secret_ref  TEXT CHECK (secret_ref IS NULL OR secret_ref LIKE 'secret:%'),
      enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_at  INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX alert_channels_name ON alert_channels (name COLLATE NOCASE);

    -- One row: the alert policy and the cursor over the incidents table.
    CREATE TABLE alert_policy (
      id                   INTEGER PRIMARY KEY CHECK (id = 1),
      reminder_minutes     INTEGER NOT NULL,
      flap_window_minutes  INTEGER NOT NULL,
      flap_threshold       INTEGER NOT NULL,
      last_incident_id     INTEGER NOT NULL
    ) STRICT;
    INSERT INTO alert_policy VALUES (1, 60, 30, 3, (SELECT COALESCE(MAX(id), 0) FROM incidents));

    CREATE TABLE alerts (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      incident_id  INTEGER,
      monitor_id   INTEGER,
      monitor_name TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('open','reminder','resolved','flapping','flapping-ended','test')),
      state        TEXT NOT NULL CHECK (state IN ('queued','held','suppressed','folded')),
      title        TEXT NOT NULL,
      message      TEXT NOT NULL,
      note         TEXT NOT NULL DEFAULT '',
      created_at   INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX alerts_incident ON alerts (incident_id);
    CREATE INDEX alerts_created ON alerts (created_at);

    -- What the dispatcher has decided about each incident it has seen.
    CREATE TABLE incident_alerts (
      incident_id       INTEGER PRIMARY KEY,
      monitor_id        INTEGER NOT NULL,
      disposition       TEXT NOT NULL CHECK (disposition IN ('alerted','held','folded-parent','folded-flapping','suppressed')),
      last_notified_at  INTEGER,
      resolved          INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
    ) STRICT;

    CREATE TABLE flapping_monitors (
      monitor_id      INTEGER PRIMARY KEY,
      since           INTEGER NOT NULL,
      last_change_at  INTEGER NOT NULL,
      alert_id        INTEGER NOT NULL
    ) STRICT;

    -- Last status the alert loop saw for each backup subject ('database' or 'remote:<id>').
    CREATE TABLE backup_alert_state (
      subject_key  TEXT PRIMARY KEY,
      status       TEXT NOT NULL CHECK (status IN ('UP','DEGRADED','DOWN','UNKNOWN'))
    ) STRICT;

    CREATE TABLE alert_deliveries (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      alert_id         INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      channel_id       INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
      status           TEXT NOT NULL CHECK (status IN ('pending','retrying','delivered','failed')),
      attempts         INTEGER NOT NULL DEFAULT 0,
      next_attempt_at  INTEGER,
      last_error       TEXT,
      created_at       INTEGER NOT NULL,
      delivered_at     INTEGER
    ) STRICT;
    CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);

    CREATE TABLE delivery_attempts (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      delivery_id  INTEGER NOT NULL REFERENCES alert_deliveries(id) ON DELETE CASCADE,
      at           INTEGER NOT NULL,
      duration_ms  REAL NOT NULL,
      ok           INTEGER NOT NULL CHECK (ok IN (0, 1)),
      http_status  INTEGER,
      error        TEXT
    ) STRICT;
    CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id);

    CREATE TABLE maintenance_windows (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      name        TEXT NOT NULL,
      monitor_id  INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
      scope       TEXT NOT NULL CHECK (scope IN ('monitor','host')),
      schedule    TEXT NOT NULL,
      created_at  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE backup_config (
      id               INTEGER PRIMARY KEY CHECK (id = 1),
      enabled          INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      every_hours      INTEGER NOT NULL,
      keep_daily       INTEGER NOT NULL,
      keep_weekly      INTEGER NOT NULL
    ) STRICT;
    INSERT INTO backup_config VALUES (1, 1, 24, 7, 4);

    CREATE TABLE db_backups (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      file          TEXT NOT NULL,
      trigger       TEXT NOT NULL CHECK (trigger IN ('schedule','manual')),
      started_at    INTEGER NOT NULL,
      duration_ms   REAL,
      size_bytes    INTEGER,
      sha256        TEXT,
      status        TEXT NOT NULL CHECK (status IN ('ok','failed')),
      verification  TEXT,
      error         TEXT,
      removed_at    INTEGER
    ) STRICT;

    CREATE TABLE remote_backup_targets (
      id              INTEGER PRIMARY KEY AUTOINCREMENT,
      name            TEXT NOT NULL,
      definition      TEXT NOT NULL,
      created_at      INTEGER NOT NULL,
      updated_at      INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX remote_backup_targets_name ON remote_backup_targets (name COLLATE NOCASE);

    CREATE TABLE remote_backups (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      target_id    INTEGER NOT NULL REFERENCES remote_backup_targets(id) ON DELETE CASCADE,
      file         TEXT,
      started_at   INTEGER NOT NULL,
      duration_ms  REAL,
      size_bytes   INTEGER,
      sha256       TEXT,
      status       TEXT NOT NULL CHECK (status IN ('ok','failed')),
      error        TEXT,
      removed_at   INTEGER
    ) STRICT;
    CREATE INDEX remote_backups_target ON remote_backups (target_id, started_at);
  `);
  },
};
