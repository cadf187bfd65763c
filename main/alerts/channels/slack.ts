import { severityOf, type AlertMessage } from '../alert-message.ts';
import type { ChannelKind } from './channel-kind.ts';

const ICON = { critical: ':red_circle:', warning: ':large_orange_circle:', ok: ':large_green_circle:', info: ':information_source:' };

/** Slack incoming webhook: a JSON body with `text` (mrkdwn). */
export const slackChannel: ChannelKind = {
  kind: 'slack',
  transport: 'webhook',
  render: (m: AlertMessage) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `${ICON[severityOf(m.kind)]} *${escapeMrkdwn(m.title)}*\n${escapeMrkdwn(m.message)}` }),
  }),
};

/** Slack treats &, < and > as control characters in mrkdwn. */
function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
