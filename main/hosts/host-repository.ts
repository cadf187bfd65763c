import type Database from 'better-sqlite3';
import { CloudInstanceSchema, type CloudInstance } from '../../preload/schemas/hosts.ts';

export type HostAuth = 'agent' | 'key' | 'password';

export interface HostRecord {
  id: number;
  name: string;
  projectId: string | null;
  address: string;
  port: number;
  user: string;
  auth: HostAuth;
  keyPath: string | null;
  secretRef: string | null;
  sudo: boolean;
  services: string[];
  cloud: CloudInstance | null;
  pin: { fingerprint: string; keyType: string; pinnedAt: number } | null;
  source: string;
}

export type HostFields = Omit<HostRecord, 'id' | 'pin'>;

interface Row {
  id: number;
  name: string;
  project_id: string | null;
  address: string;
  port: number;
  user: string;
  auth: HostAuth;
  key_path: string | null;
  secret_ref: string | null;
  sudo: number;
  services: string;
  cloud: string | null;
  pin: string | null;
  pin_key_type: string | null;
  pinned_at: number | null;
  source: string;
}

/** SQL for host profiles and their pinned host keys. */
export class HostRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  all(): HostRecord[] {
    return (this.db.prepare('SELECT * FROM hosts ORDER BY name COLLATE NOCASE').all() as Row[]).map(fromRow);
  }

  get(id: number): HostRecord | null {
    const row = this.db.prepare('SELECT * FROM hosts WHERE id = ?').get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  byName(name: string): HostRecord | null {
    const row = this.db.prepare('SELECT * FROM hosts WHERE name = ? COLLATE NOCASE').get(name) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** The pin for an address and port: what ssh monitors without a pin of their own are checked against. */
  pinFor(address: string, port: number): string | null {
    const row = this.db.prepare('SELECT pin FROM hosts WHERE address = ? COLLATE NOCASE AND port = ? AND pin IS NOT NULL ORDER BY id LIMIT 1').get(address, port) as
      | { pin: string }
      | undefined;
    return row?.pin ?? null;
  }

  insert(fields: HostFields): number {
    const at = this.now();
    const info = this.db
      .prepare(
        `INSERT INTO hosts (name, project_id, address, port, user, auth, key_path, secret_ref, sudo, services, cloud, source, created_at, updated_at)
         VALUES (@name, @projectId, @address, @port, @user, @auth, @keyPath, @secretRef, @sudo, @services, @cloud, @source, @at, @at)`,
      )
      .run({ ...toParams(fields), at });
    return Number(info.lastInsertRowid);
  }

  /** A changed address or port drops the pin: the key belonged to the old endpoint. */
  update(id: number, fields: HostFields): void {
    this.db
      .prepare(
        `UPDATE hosts SET name = @name, project_id = @projectId, user = @user, auth = @auth, key_path = @keyPath,
           secret_ref = @secretRef, sudo = @sudo, services = @services, cloud = @cloud, updated_at = @at,
           pin = CASE WHEN address = @address AND port = @port THEN pin END,
           pin_key_type = CASE WHEN address = @address AND port = @port THEN pin_key_type END,
           pinned_at = CASE WHEN address = @address AND port = @port THEN pinned_at END,
           address = @address, port = @port
         WHERE id = @id`,
      )
      .run({ ...toParams(fields), at: this.now(), id });
  }

  setPin(id: number, fingerprint: string, keyType: string): void {
    const at = this.now();
    this.db.prepare('UPDATE hosts SET pin = ?, pin_key_type = ?, pinned_at = ?, updated_at = ? WHERE id = ?').run(fingerprint, keyType, at, at, id);
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM hosts WHERE id = ?').run(id).changes > 0;
  }
}

function toParams(f: HostFields) {
  return {
    name: f.name,
    projectId: f.projectId,
    address: f.address,
    port: f.port,
    user: f.user,
    auth: f.auth,
    keyPath: f.keyPath,
    secretRef: f.secretRef,
    sudo: f.sudo ? 1 : 0,
    services: JSON.stringify(f.services),
    cloud: f.cloud ? JSON.stringify(f.cloud) : null,
    source: f.source,
  };
}

function fromRow(r: Row): HostRecord {
  return {
    id: r.id,
    name: r.name,
    projectId: r.project_id,
    address: r.address,
    port: r.port,
    user: r.user,
    auth: r.auth,
    keyPath: r.key_path,
    secretRef: r.secret_ref,
    sudo: r.sudo === 1,
    services: parseServices(r.services),
    cloud: r.cloud ? (CloudInstanceSchema.safeParse(JSON.parse(r.cloud)).data ?? null) : null,
    pin: r.pin ? { fingerprint: r.pin, keyType: r.pin_key_type ?? 'unknown', pinnedAt: r.pinned_at ?? 0 } : null,
    source: r.source,
  };
}

function parseServices(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
