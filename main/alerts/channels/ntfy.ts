import { severityOf, type AlertMessage } from '../alert-message.ts';
import type { ChannelKind } from './channel-kind.ts';

const PRIORITY = { critical: '5', warning: '4', ok: '3', info: '2' };
const TAGS = { critical: 'rotating_light', warning: 'warning', ok: 'white_check_mark', info: 'information_source' };

/** ntfy: POST the message as plain text to the topic URL; title, priority and tags as headers. */
export const ntfyChannel: ChannelKind = {
  kind: 'ntfy',
  transport: 'webhook',
  render: (m: AlertMessage) => ({
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      // Header values must be Latin-1; anything else is replaced rather than failing the delivery.
      title: m.title.replace(/[^\x20-\x7e]/g, '?').slice(0, 250),
      priority: PRIORITY[severityOf(m.kind)],
      tags: TAGS[severityOf(m.kind)],
    },
    body: m.message,
  }),
};
