import type { AlertMessage } from '../alert-message.ts';

export const CHANNEL_KINDS = ['desktop', 'slack', 'discord', 'ntfy', 'webhook'] as const;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

/** An HTTP request a webhook channel makes; the URL comes from the vault at send time. */
export interface WebhookRequest {
  headers: Record<string, string>;
  body: string;
}

/** One file per kind, each the same small shape: a webhook template, or (desktop) none. */
export type ChannelKind =
  | { kind: Exclude<ChannelKindName, 'desktop'>; transport: 'webhook'; render(message: AlertMessage): WebhookRequest }
  | { kind: 'desktop'; transport: 'desktop' };
