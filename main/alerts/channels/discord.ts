import { severityOf, type AlertMessage } from '../alert-message.ts';
import type { ChannelKind } from './channel-kind.ts';

const COLOR = { critical: 0xd92d20, warning: 0xf79009, ok: 0x12b76a, info: 0x2e90fa };

/** Discord webhook: one embed; mentions are disabled so a monitor name cannot ping @everyone. */
export const discordChannel: ChannelKind = {
  kind: 'discord',
  transport: 'webhook',
  render: (m: AlertMessage) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      allowed_mentions: { parse: [] },
      embeds: [{ title: m.title.slice(0, 256), description: m.message.slice(0, 4000), color: COLOR[severityOf(m.kind)], timestamp: new Date(m.at).toISOString() }],
    }),
  }),
};
