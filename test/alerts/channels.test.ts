import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AlertMessage } from '../../main/alerts/alert-message.ts';
import { retryDelayMs } from '../../main/alerts/backoff.ts';
import { channelKinds } from '../../main/alerts/channels/registry.ts';
import { describeDuration } from '../../main/alerts/describe-duration.ts';
import { isFlapping } from '../../main/alerts/flapping.ts';

const message: AlertMessage = {
  alertId: 7,
  kind: 'open',
  title: 'DOWN: <api> & “web”',
  message: 'connect ECONNREFUSED <b>',
  monitorId: 3,
  monitorName: '<api> & “web”',
  incidentId: 12,
  at: Date.parse('2026-11-26T12:00:00Z'),
};

const render = (kind: 'slack' | 'discord' | 'ntfy' | 'webhook') => {
  const k = channelKinds[kind];
  if (k.transport !== 'webhook') throw new Error('not a webhook kind');
  return k.render(message);
};

test('Slack escapes mrkdwn control characters; Discord disables mentions; ntfy keeps headers Latin-1', () => {
  assert.equal(JSON.parse(render('slack').body).text, ':red_circle: *DOWN: &lt;api&gt; &amp; “web”*\nconnect ECONNREFUSED &lt;b&gt;');
  const discord = JSON.parse(render('discord').body);
  assert.deepEqual(discord.allowed_mentions, { parse: [] });
  assert.equal(discord.embeds[0].color, 0xd92d20);
  assert.equal(discord.embeds[0].timestamp, '2026-11-26T12:00:00.000Z');
  const ntfy = render('ntfy');
  assert.equal(ntfy.headers.title, 'DOWN: <api> & ?web?');
  assert.equal(ntfy.headers.priority, '5');
  assert.equal(ntfy.body, 'connect ECONNREFUSED <b>');
  assert.deepEqual(JSON.parse(render('webhook').body), {
    source: 'photon-console',
    alertId: 7,
    kind: 'open',
    severity: 'critical',
    title: 'DOWN: <api> & “web”',
    message: 'connect ECONNREFUSED <b>',
    monitor: { id: 3, name: '<api> & “web”' },
    incidentId: 12,
    at: '2026-11-26T12:00:00.000Z',
  });
});

test('backoff grows ×4 from the base and is capped; a bad attempt number is refused', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, 10_000)), [10_000, 40_000, 160_000, 640_000, 1_800_000, 1_800_000]);
  assert.throws(() => retryDelayMs(0, 10_000), /attempt must be a whole number ≥ 1 \(got 0\)/);
});

test('flapping counts incident openings inside the window only', () => {
  const min = 60_000;
  assert.equal(isFlapping([0, 10 * min, 20 * min], 20 * min, 30 * min, 3), true);
  assert.equal(isFlapping([0, 10 * min, 20 * min], 31 * min, 30 * min, 3), false, 'the first one has left the window');
  assert.equal(isFlapping([5 * min, 10 * min], 10 * min, 30 * min, 3), false);
});

test('durations in alert texts', () => {
  assert.deepEqual([0, 42_000, 5 * 60_000, 125 * 60_000, 49 * 3_600_000].map(describeDuration), ['0 s', '42 s', '5 min', '2 h 5 min', '2 d 1 h']);
});
