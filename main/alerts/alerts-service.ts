import type Database from 'better-sqlite3';
import type { AlertChannel } from '../../preload/schemas/alerts.ts';
import type { ParsedInput } from '../../preload/contract.ts';
import { ContractError } from '../api/contract-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { startIntervalLoop, type LoopRegistry } from '../loops/index.ts';
import type { MaintenanceService } from '../maintenance/index.ts';
import type { MonitoringService } from '../monitors/index.ts';
import { secretFailure, SecretStoreError, type SecretStore } from '../secrets/index.ts';
import { AlertDecider, type AlertMonitors } from './alert-decider.ts';
import { AlertRepository } from './alert-repository.ts';
import { ChannelRepository, type ChannelRecord } from './channel-repository.ts';
import { channelKinds } from './channels/registry.ts';
import { DeliverySender } from './delivery-sender.ts';
import { BackupWatch } from './backup-watch.ts';
import type { BackupEvidence } from '../../preload/schemas/backups.ts';

export interface AlertsOptions {
  db: Database.Database;
  events: EventBus;
  loops: LoopRegistry;
  secrets: SecretStore;
  maintenance: MaintenanceService;
  monitors: AlertMonitors;
  now?: () => number;
  /** How often incidents are turned into alerts and due deliveries sent. */
  tickMs?: number;
  /** First retry delay; later ones grow ×4 (see backoff.ts). */
  retryBaseMs?: number;
  /** Last good backup age per subject, measured at `now`: alerted like a monitor when DOWN. */
  backupEvidence?: (now: number) => BackupEvidence[];
}

const RECENT_ALERTS = 50;
const KEEP_ALERTS_DAYS = 90;

/** Incidents → alerts → deliveries, as one named loop with measured health. */
export class AlertsService {
  private readonly channels: ChannelRepository;
  private readonly alerts: AlertRepository;
  private readonly decider: AlertDecider;
  private readonly sender: DeliverySender;
  private readonly backupWatch: BackupWatch;
  private readonly now: () => number;
  private loop: ReturnType<typeof startIntervalLoop> | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly o: AlertsOptions) {
    this.now = o.now ?? Date.now;
    this.channels = new ChannelRepository(o.db);
    this.alerts = new AlertRepository(o.db);
    this.decider = new AlertDecider({
      db: o.db,
      alerts: this.alerts,
      monitors: o.monitors,
      maintenance: o.maintenance,
      enabledChannels: () => this.channels.enabledIds(),
    });
    this.backupWatch = new BackupWatch(o.db, this.alerts, () => this.channels.enabledIds());
    this.sender = new DeliverySender({ alerts: this.alerts, channels: this.channels, secrets: o.secrets, events: o.events, now: this.now, retryBaseMs: o.retryBaseMs ?? 10_000 });
  }

  start(): void {
    const every = this.o.tickMs ?? 2_000;
    this.loop = startIntervalLoop(
      this.o.loops.register('alert-dispatch', 'Turns incidents into alerts (dependencies, flapping, maintenance, reminders) and sends due deliveries with retries', every),
      every,
      () => this.tick(),
    );
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop?.stop();
  }

  /** One pass: decide, then send. Exposed so the CLI and tests can drive it without waiting. */
  async tick(): Promise<void> {
    this.o.maintenance.announceTransitions(this.now());
    this.pruneOldAlerts();
    const now = this.now();
    const created = this.decider.evaluate(now) + (this.o.backupEvidence ? this.backupWatch.evaluate(this.o.backupEvidence(now), now) : 0);
    if (created > 0) this.announce();
    const sent = await this.sender.sendDue(this.abort.signal);
    if (sent > 0) this.announce();
  }

  private lastPruneAt = 0;

  /** Alerts (with their deliveries and attempts, by cascade) are kept for KEEP_ALERTS_DAYS. */
  private pruneOldAlerts(): void {
    const now = this.now();
    if (now - this.lastPruneAt < 3_600_000) return;
    this.lastPruneAt = now;
    this.o.db.prepare('DELETE FROM alerts WHERE created_at < ?').run(now - KEEP_ALERTS_DAYS * 86_400_000);
  }

  async removeChannel(id: number): Promise<{ removed: true }> {
    const channel = this.requireChannel(id);
    this.channels.remove(channel.id);
    if (channel.secretRef) await this.o.secrets.delete(channel.secretRef).catch(() => false);
    await this.announceChannels();
    return { removed: true as const };
  }

  recentAlerts(limit: number) {
    return this.alerts.recent(limit);
  }

  policy() {
    return this.decider.policy();
  }

  setPolicy(policy: ParsedInput<'updateAlertPolicy'>) {
    return this.decider.setPolicy(policy);
  }

  async listChannels(): Promise<AlertChannel[]> {
    return Promise.all(this.channels.list().map((c) => this.toView(c)));
  }

  async saveChannel(input: ParsedInput<'saveAlertChannel'>): Promise<AlertChannel> {
    const now = this.now();
    const needsUrl = channelKinds[input.kind].transport === 'webhook';
    if (!needsUrl && input.url !== undefined) throw new ContractError('INVALID_INPUT', 'url: a desktop channel has no URL', 'url');
    const sameName = this.channels.byName(input.name);
    if (sameName && sameName.id !== input.id) throw new ContractError('CONFLICT', `A channel named "${sameName.name}" already exists`, 'name');
    let id: number;
    if (input.id === undefined) {
      if (needsUrl && input.url === undefined) throw new ContractError('INVALID_INPUT', `url: a ${input.kind} channel needs its webhook URL`, 'url');
      const secretRef = needsUrl ? await this.vault(() => this.o.secrets.put('webhook-url', input.url!, `Photon alert channel ${input.name}`)) : null;
      id = this.channels.insert({ name: input.name, kind: input.kind, secretRef, enabled: input.enabled }, now);
    } else {
      const existing = this.requireChannel(input.id);
      if (existing.kind !== input.kind) throw new ContractError('INVALID_INPUT', `kind: a channel's kind cannot change (it is ${existing.kind}); add a new channel instead`, 'kind');
      let secretRef = existing.secretRef;
      if (input.url !== undefined) {
        const url = input.url;
        if (secretRef && (await this.vault(() => this.o.secrets.has(secretRef!)))) await this.vault(() => this.o.secrets.replace(secretRef!, url));
        else secretRef = await this.vault(() => this.o.secrets.put('webhook-url', url, `Photon alert channel ${input.name}`));
      }
      this.channels.update(existing.id, { name: input.name, secretRef, enabled: input.enabled }, now);
      id = existing.id;
    }
    await this.announceChannels();
    return this.toView(this.channels.get(id)!);
  }

  async testSend(channelId: number) {
    const channel = this.requireChannel(channelId);
    const now = this.now();
    const alertId = this.alerts.insertAlert(
      { incidentId: null, monitorId: null, monitorName: '—', kind: 'test', state: 'queued', title: `TEST: ${channel.name}`, message: `Test alert from Photon Console to the ${channel.kind} channel "${channel.name}". If you can read this, the channel works.` },
      now,
    );
    // Not due (null): the loop must not pick it up; this call makes its one attempt itself.
    const deliveryId = this.alerts.insertDelivery(alertId, channel.id, now, null);
    await this.sender.attempt(deliveryId, alertId, channel.id, 0, { retry: false, signal: this.abort.signal });
    this.announce();
    return { delivery: this.alerts.delivery(deliveryId)! };
  }

  private async toView(c: ChannelRecord): Promise<AlertChannel> {
    const urlStored = c.secretRef === null ? null : await this.o.secrets.has(c.secretRef).catch(() => false);
    return { id: c.id, name: c.name, kind: c.kind, enabled: c.enabled, urlStored, createdAt: c.createdAt, updatedAt: c.updatedAt };
  }

  private requireChannel(id: number): ChannelRecord {
    const c = this.channels.get(id);
    if (!c) throw new ContractError('NOT_FOUND', `No alert channel with id ${id}`, 'id');
    return c;
  }

  /** Keychain failures become UNAVAILABLE with the vault's own sentence; the URL is never stored elsewhere. */
  private async vault<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof SecretStoreError) throw secretFailure(err, 'Cannot store the webhook URL', 'url');
      throw err;
    }
  }

  private announce(): void {
    this.o.events.emit('alertsChanged', { alerts: this.alerts.recent(RECENT_ALERTS) });
  }

  private async announceChannels(): Promise<void> {
    this.o.events.emit('alertChannelsChanged', { channels: await this.listChannels() });
  }
}

/** The engine's monitors as the alert rules see them. */
export function alertMonitorsOf(monitoring: MonitoringService): AlertMonitors {
  const find = (id: number) => monitoring.snapshot().find((m) => m.record.id === id);
  return {
    nameOf: (id) => find(id)?.record.definition.name ?? null,
    parentOf: (id) => find(id)?.record.definition.parentId ?? null,
    statusOf: (id) => find(id)?.state?.status ?? null,
    dependentsOf: (id) => monitoring.snapshot().filter((m) => m.record.definition.parentId === id).map((m) => m.record.definition.name),
  };
}
