import type Database from 'better-sqlite3';
import type { SecretInfo, VaultStatus } from '../../preload/schemas/secrets.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { secretErrorToContract } from './secret-contract-errors.ts';
import { parseSecretRef, SecretStoreError, type SecretKind, type SecretRef, type SecretStore } from './secret-store.ts';

interface SecretRow {
  ref: string;
  kind: SecretKind;
  label: string;
  created_at: number;
  updated_at: number;
}

/**
 * What the UI may do with the vault: set, replace, test and delete, never read back. SQLite keeps
 * each secret's kind and label (so the list does not need the keychain to enumerate, which on some
 * platforms would mean reading values); the value is only ever in the keychain.
 */
export class VaultService {
  constructor(
    private readonly db: Database.Database,
    private readonly store: SecretStore,
    private readonly events: EventBus,
    private readonly now: () => number = Date.now,
  ) {}

  async status(): Promise<VaultStatus> {
    const s = await this.store.status();
    return { backend: this.store.backend, available: s.available, reason: s.available ? null : s.reason, checkedAt: this.now() };
  }

  list(): SecretInfo[] {
    const rows = this.db.prepare('SELECT * FROM secrets ORDER BY label COLLATE NOCASE').all() as SecretRow[];
    const users = this.db.prepare('SELECT secret_ref AS ref, name FROM hosts WHERE secret_ref IS NOT NULL ORDER BY name').all() as Array<{ ref: string; name: string }>;
    return rows.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      label: r.label,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      usedBy: users.filter((u) => u.ref === r.ref).map((u) => u.name),
    }));
  }

  async set(kind: SecretKind, label: string, value: string): Promise<SecretInfo> {
    const ref = await this.vaultCall(() => this.store.put(kind, value, label));
    const at = this.now();
    this.db.prepare('INSERT INTO secrets (ref, kind, label, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(ref, kind, label, at, at);
    return this.changed(ref);
  }

  async replace(ref: string, value: string): Promise<SecretInfo> {
    const known = this.require(ref);
    await this.vaultCall(() => this.store.replace(known, value));
    this.db.prepare('UPDATE secrets SET updated_at = ? WHERE ref = ?').run(this.now(), ref);
    return this.changed(ref);
  }

  async test(ref: string): Promise<{ ref: string; present: boolean; checkedAt: number }> {
    const known = this.require(ref);
    const present = await this.vaultCall(() => this.store.has(known));
    return { ref, present, checkedAt: this.now() };
  }

  async delete(ref: string): Promise<{ removed: true }> {
    const known = this.require(ref);
    const users = this.list().find((s) => s.ref === ref)?.usedBy ?? [];
    if (users.length > 0) {
      throw new ContractError('CONFLICT', `deleteSecret: "${this.label(ref)}" is used by host ${users.join(', ')}; change their login first`, 'ref');
    }
    await this.vaultCall(() => this.store.delete(known));
    this.db.prepare('DELETE FROM secrets WHERE ref = ?').run(ref);
    this.announce();
    return { removed: true };
  }

  /** For code that must check a ref it was handed (a host's secretRef) before storing it. */
  requireKind(ref: string, kinds: readonly SecretKind[], field: string): void {
    const row = this.db.prepare('SELECT kind FROM secrets WHERE ref = ?').get(ref) as { kind: SecretKind } | undefined;
    if (!row) throw new ContractError('INVALID_INPUT', `${field} names no stored secret`, field);
    if (!kinds.includes(row.kind)) throw new ContractError('INVALID_INPUT', `${field} names a ${row.kind}; expected ${kinds.join(' or ')}`, field);
  }

  private require(ref: string): SecretRef {
    const parsed = parseSecretRef(ref);
    if (!this.db.prepare('SELECT 1 FROM secrets WHERE ref = ?').get(ref)) throw new ContractError('NOT_FOUND', `No stored secret ${ref}`, 'ref');
    return parsed;
  }

  private label(ref: string): string {
    return (this.db.prepare('SELECT label FROM secrets WHERE ref = ?').get(ref) as { label: string } | undefined)?.label ?? ref;
  }

  private changed(ref: string): SecretInfo {
    this.announce();
    return this.list().find((s) => s.ref === ref)!;
  }

  announce(): void {
    this.events.emit('secretsChanged', { secrets: this.list() });
  }

  /** Vault errors become contract errors a person can act on; their messages never hold a value. */
  private async vaultCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof SecretStoreError)) throw err;
      throw secretErrorToContract(err);
    }
  }
}
