import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startAlertCore } from './alert-harness.ts';
import { startWebhookReceiver } from './webhook-receiver.ts';

test('an overdue backup is alerted like a monitor going DOWN, once, and its recovery once', async (t) => {
  const receiver = await startWebhookReceiver();
  const h = startAlertCore();
  t.after(async () => {
    await h.core.dispose();
    await receiver.close();
  });
  await h.call('saveAlertChannel', { name: 'ops', kind: 'webhook', url: receiver.url('/b') });
  await h.call('updateBackupConfig', { enabled: true, everyHours: 1, keepDaily: 7, keepWeekly: 4 });
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 0, 'no backup yet is UNKNOWN, not an alert');

  await h.call('runBackupNow', {});
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 0, 'a fresh backup: UP');

  // Two hours on: past 1.5 × 1 h (DEGRADED, not alerted). Four hours on: past 3 × 1 h (DOWN).
  h.clock.skewMs = 2 * 3_600_000;
  await h.core.alerts.tick();
  assert.equal(receiver.received.length, 0, 'DEGRADED is shown, not alerted');
  h.clock.skewMs = 4 * 3_600_000;
  await h.core.alerts.tick();
  await h.core.alerts.tick();
  const [overdue] = receiver.json();
  assert.equal(receiver.received.length, 1, 'one alert, not one per tick');
  assert.equal(overdue!.title, 'BACKUP OVERDUE: Photon Console database');
  assert.match(String(overdue!.message), /last good backup 4 h ago, over the 3 h limit/);

  h.clock.skewMs = 0;
  await h.core.alerts.tick();
  assert.deepEqual(receiver.json().map((b) => `${b.kind} ${b.title}`), ['open BACKUP OVERDUE: Photon Console database', 'resolved BACKUP OK: Photon Console database']);
});
