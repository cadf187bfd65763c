import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { HostKeyCheck, HostSummary, hostProfileInput } from '../../preload/schemas/hosts.ts';
import { ContractError } from '../api/contract-error.ts';
import { withContext } from '../api/error-mapping.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { MonitoringService } from '../monitors/index.ts';
import type { VaultService } from '../secrets/index.ts';
import { decideHostKeyTrust, hostPort, probeHostKey, repin, sshErrors } from '../ssh/index.ts';
import { HostRepository, type HostFields, type HostRecord } from './host-repository.ts';
import { hostState } from './host-state.ts';
import { readKnownHostKeys } from './known-hosts-file.ts';

type HostInput = z.output<typeof hostProfileInput>;

const PROBE_TIMEOUT_MS = 10_000;

export interface HostsServiceOptions {
  db: Database.Database;
  events: EventBus;
  monitoring: MonitoringService;
  vault: VaultService;
  /** known_hosts consulted when checking a key; ~/.ssh/known_hosts by default. */
  knownHostsFile?: string;
  now?: () => number;
}

/** Host profiles, their pinned keys (the one trust store every SSH connection uses) and their state. */
export class HostsService {
  readonly repo: HostRepository;
  private readonly now: () => number;

  constructor(private readonly o: HostsServiceOptions) {
    this.now = o.now ?? Date.now;
    this.repo = new HostRepository(o.db, this.now);
  }

  list(projectId?: string): HostSummary[] {
    const monitors = this.o.monitoring.snapshot();
    return this.repo
      .all()
      .filter((h) => projectId === undefined || h.projectId === projectId)
      .map((h) => this.summary(h, monitors));
  }

  summaryOf(id: number): HostSummary {
    return this.summary(this.require(id), this.o.monitoring.snapshot());
  }

  require(id: number): HostRecord {
    const host = this.repo.get(id);
    if (!host) throw new ContractError('NOT_FOUND', `No host with id ${id}`, 'hostId');
    return host;
  }

  requireByName(name: string): HostRecord {
    const host = this.repo.byName(name);
    if (!host) {
      const known = this.repo.all().map((h) => h.name);
      throw new ContractError('NOT_FOUND', `No host named "${name}"${known.length ? `; known hosts: ${known.join(', ')}` : '; add one first'}`, 'host');
    }
    return host;
  }

  save(input: HostInput, source = 'ui'): HostSummary {
    const fields = this.validate(input, source);
    let id = input.id;
    if (id !== undefined) {
      const existing = this.require(id);
      fields.source = existing.source;
      this.repo.update(id, fields);
    } else {
      id = this.repo.insert(fields);
    }
    this.announce();
    return this.summaryOf(id);
  }

  remove(id: number): { removed: true } {
    this.require(id);
    this.repo.remove(id);
    this.announce();
    this.o.vault.announce();
    return { removed: true };
  }

  /** Connects without logging in and weighs the offered key against the pin and known_hosts. */
  async checkHostKey(id: number): Promise<HostKeyCheck> {
    const host = this.require(id);
    const offered = await this.probe(host);
    const knownHosts = await readKnownHostKeys(this.o.knownHostsFile, host.address, host.port);
    const d = decideHostKeyTrust({ host: host.address, port: host.port, pinned: host.pin?.fingerprint ?? null, offered, knownHosts: knownHosts.keys });
    return {
      hostId: id,
      where: hostPort(host.address, host.port),
      offered: { fingerprint: offered.fingerprint, keyType: offered.keyType },
      decision: d.decision,
      pinned: host.pin?.fingerprint ?? null,
      knownHostsSays: ('knownHostsSays' in d && d.knownHostsSays) || null,
      message: d.decision === 'trusted' ? `${hostPort(host.address, host.port)} offered the pinned key ${offered.fingerprint}.` : d.message,
      howToRepin: d.decision === 'mismatch' ? d.howToRepin : null,
      checkedAt: this.now(),
    };
  }

  /**
   * Pins what the host offers right now, and only if `confirmation` is exactly that fingerprint:
   * the person has compared it with the host's own. The same path re-pins a changed key.
   */
  async pinHostKey(id: number, confirmation: string): Promise<HostSummary> {
    const host = this.require(id);
    const offered = await this.probe(host);
    const knownHosts = await readKnownHostKeys(this.o.knownHostsFile, host.address, host.port);
    const result = repin(host.pin?.fingerprint ?? null, offered, confirmation, { knownHosts: knownHosts.keys });
    if (!result.ok) throw new ContractError('INVALID_INPUT', result.reason, 'fingerprint');
    this.repo.setPin(id, offered.fingerprint, offered.keyType);
    this.announce();
    return this.summaryOf(id);
  }

  /** Pins a fingerprint the person chose to trust from their own known_hosts, without a probe. */
  pinTrusted(id: number, fingerprint: string, keyType: string): void {
    this.repo.setPin(id, fingerprint, keyType);
  }

  pinFor(address: string, port: number): string | null {
    return this.repo.pinFor(address, port);
  }

  announce(): void {
    this.o.events.emit('hostsChanged', { hosts: this.list() });
  }

  private async probe(host: HostRecord) {
    try {
      return await probeHostKey(host.address, host.port, PROBE_TIMEOUT_MS);
    } catch (err) {
      const mapped = sshErrors(err);
      throw mapped ? withContext(mapped, `Could not read the host key of ${host.name}`) : err;
    }
  }

  private validate(input: HostInput, source: string): HostFields {
    const clash = this.repo.byName(input.name);
    if (clash && clash.id !== input.id) throw new ContractError('CONFLICT', `A host named "${clash.name}" already exists`, 'name');
    if (input.auth === 'key' && input.keyPath === null) throw new ContractError('INVALID_INPUT', 'keyPath is required when auth is "key"', 'keyPath');
    if (input.auth === 'password' && input.secretRef === null) {
      throw new ContractError('INVALID_INPUT', 'secretRef is required when auth is "password": store the password in the vault first', 'secretRef');
    }
    if (input.secretRef !== null) {
      if (input.auth === 'agent') throw new ContractError('INVALID_INPUT', 'secretRef is not used with auth "agent"; leave it empty', 'secretRef');
      this.o.vault.requireKind(input.secretRef, input.auth === 'password' ? ['ssh-password'] : ['key-passphrase'], 'secretRef');
    }
    if (input.projectId !== null && !this.o.db.prepare('SELECT 1 FROM projects WHERE id = ?').get(input.projectId)) {
      throw new ContractError('NOT_FOUND', `No project with id ${input.projectId}`, 'projectId');
    }
    return {
      name: input.name,
      projectId: input.projectId,
      address: input.address,
      port: input.port,
      user: input.user,
      auth: input.auth,
      keyPath: input.auth === 'key' ? input.keyPath : null,
      secretRef: input.secretRef,
      sudo: input.sudo,
      services: [...new Set(input.services)],
      cloud: input.cloud,
      source,
    };
  }

  private summary(h: HostRecord, monitors: ReturnType<MonitoringService['snapshot']>): HostSummary {
    const last = this.o.db
      .prepare('SELECT id, runbook_name AS runbook, status, started_at AS at FROM runbook_runs WHERE host_id = ? ORDER BY id DESC LIMIT 1')
      .get(h.id) as HostSummary['lastRun'] | undefined;
    return {
      id: h.id,
      name: h.name,
      projectId: h.projectId,
      address: h.address,
      port: h.port,
      user: h.user,
      auth: h.auth,
      keyPath: h.keyPath,
      secretRef: h.secretRef,
      sudo: h.sudo,
      services: h.services,
      cloud: h.cloud,
      pin: h.pin,
      source: h.source,
      state: hostState(h.address, monitors),
      lastRun: last ?? null,
    };
  }
}
