import type Database from 'better-sqlite3';
import type { SecretRef } from '../secrets/index.ts';
import type { ChannelKindName } from './channels/channel-kind.ts';

export interface ChannelRecord {
  id: number;
  name: string;
  kind: ChannelKindName;
  /** Where the webhook URL is kept in the OS keychain; null for desktop. */
  secretRef: SecretRef | null;
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  name: string;
  kind: ChannelKindName;
  secret_ref: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export class ChannelRepository {
  constructor(private readonly db: Database.Database) {}

  list(): ChannelRecord[] {
    return (this.db.prepare('SELECT * FROM alert_channels ORDER BY name COLLATE NOCASE').all() as Row[]).map(toRecord);
  }

  get(id: number): ChannelRecord | undefined {
    const row = this.db.prepare('SELECT * FROM alert_channels WHERE id = ?').get(id) as Row | undefined;
    return row && toRecord(row);
  }

  byName(name: string): ChannelRecord | undefined {
    const row = this.db.prepare('SELECT * FROM alert_channels WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return row && toRecord(row);
  }

  enabledIds(): number[] {
    return (this.db.prepare('SELECT id FROM alert_channels WHERE enabled = 1 ORDER BY id').all() as Array<{ id: number }>).map((r) => r.id);
  }

  insert(c: Pick<ChannelRecord, 'name' | 'kind' | 'secretRef' | 'enabled'>, now: number): number {
    return Number(
      this.db
        .prepare('INSERT INTO alert_channels (name, kind, secret_ref, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.name, c.kind, c.secretRef, c.enabled ? 1 : 0, now, now).lastInsertRowid,
    );
  }

  update(id: number, c: Pick<ChannelRecord, 'name' | 'secretRef' | 'enabled'>, now: number): void {
    this.db.prepare('UPDATE alert_channels SET name = ?, secret_ref = ?, enabled = ?, updated_at = ? WHERE id = ?').run(c.name, c.secretRef, c.enabled ? 1 : 0, now, id);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM alert_channels WHERE id = ?').run(id);
  }
}

function toRecord(r: Row): ChannelRecord {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    secretRef: r.secret_ref as SecretRef | null,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
