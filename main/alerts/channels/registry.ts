import type { ChannelKind, ChannelKindName } from './channel-kind.ts';
import { desktopChannel } from './desktop.ts';
import { discordChannel } from './discord.ts';
import { ntfyChannel } from './ntfy.ts';
import { slackChannel } from './slack.ts';
import { webhookChannel } from './webhook.ts';

export const channelKinds: Record<ChannelKindName, ChannelKind> = {
  desktop: desktopChannel,
  slack: slackChannel,
  discord: discordChannel,
  ntfy: ntfyChannel,
  webhook: webhookChannel,
};
