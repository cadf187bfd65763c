import type { EventBus } from '../core/event-bus.ts';
import type { SecretStore } from '../secrets/index.ts';
import { severityOf } from './alert-message.ts';
import type { AlertRepository, AttemptRecord } from './alert-repository.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';
import type { ChannelRepository } from './channel-repository.ts';
import { channelKinds } from './channels/registry.ts';
import { postWebhook } from './post-webhook.ts';
import { errorMessage } from '../core/error-message.ts';

export interface SenderOptions {
  alerts: AlertRepository;
  channels: ChannelRepository;
  secrets: SecretStore;
  events: EventBus;
  now: () => number;
  retryBaseMs: number;
}

/**
 * Sends deliveries: one attempt each, logged whatever happens; a failure is retried with backoff up
 * to MAX_ATTEMPTS. The webhook URL is revealed from the vault only for the one request.
 */
export class DeliverySender {
  constructor(private readonly o: SenderOptions) {}

  /** Sends every due delivery; returns how many were attempted. */
  async sendDue(signal?: AbortSignal): Promise<number> {
    const due = this.o.alerts.claimDue(this.o.now(), 20);
    await Promise.all(due.map((d) => this.attempt(d.id, d.alertId, d.channelId, d.attempts, { retry: true, signal })));
    return due.length;
  }

  /** One attempt of one delivery; `retry: false` for a test-send, which reports at once. */
  async attempt(deliveryId: number, alertId: number, channelId: number, previousAttempts: number, opts: { retry: boolean; signal?: AbortSignal | undefined }): Promise<AttemptRecord> {
    const at = this.o.now();
    const started = performance.now();
    let outcome: { ok: boolean; httpStatus: number | null; durationMs: number; error: string | null };
    try {
      outcome = await this.send(alertId, channelId, opts.signal);
    } catch (err) {
      // Whatever went wrong (a listener of the desktop event, the store…) is a failed attempt, logged and retried.
      outcome = { ok: false, httpStatus: null, durationMs: performance.now() - started, error: `the attempt failed: ${errorMessage(err)}` };
    }
    const attempt: AttemptRecord = { at, durationMs: Math.round(outcome.durationMs * 10) / 10, ok: outcome.ok, httpStatus: outcome.httpStatus, error: outcome.error };
    const attempts = previousAttempts + 1;
    const retry = !outcome.ok && opts.retry && attempts < MAX_ATTEMPTS;
    this.o.alerts.recordAttempt(deliveryId, attempt, {
      status: outcome.ok ? 'delivered' : retry ? 'retrying' : 'failed',
      nextAttemptAt: retry ? this.o.now() + retryDelayMs(attempts, this.o.retryBaseMs) : null,
    });
    return attempt;
  }

  private async send(alertId: number, channelId: number, signal: AbortSignal | undefined) {
    const channel = this.o.channels.get(channelId);
    const message = this.o.alerts.message(alertId);
    if (!channel || !message) return { ok: false, httpStatus: null, durationMs: 0, error: 'the channel or alert was removed' };
    const kind = channelKinds[channel.kind];
    if (kind.transport === 'desktop') {
      this.o.events.emit('desktopNotification', { alertId, title: message.title, body: message.message, severity: severityOf(message.kind), at: message.at });
      return { ok: true, httpStatus: null, durationMs: 0, error: null };
    }
    if (channel.secretRef === null) return { ok: false, httpStatus: null, durationMs: 0, error: 'no webhook URL set for this channel' };
    let url: string | null;
    try {
      url = await this.o.secrets.reveal(channel.secretRef);
    } catch (err) {
      return { ok: false, httpStatus: null, durationMs: 0, error: `keychain: ${errorMessage(err)}` };
    }
    if (url === null) return { ok: false, httpStatus: null, durationMs: 0, error: 'the webhook URL is no longer in the OS keychain: set it again in the channel' };
    return postWebhook(url, kind.render(message), signal);
  }
}
