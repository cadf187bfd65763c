import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { stub } from '../helpers/electron-stub/electron.ts';
import { onlyWindow, quit, startFresh } from './running-app.ts';

afterEach(quit);

async function desktopChannelTestSend(running: NonNullable<Awaited<ReturnType<typeof startFresh>>>) {
  const saved = await running.core.dispatch('saveAlertChannel', { name: 'this computer', kind: 'desktop' });
  assert.ok(saved.ok, JSON.stringify(saved));
  const id = (saved.value as { id: number }).id;
  return running.core.dispatch('testAlertChannel', { id });
}

test('an alert to a desktop channel becomes an Electron Notification; a click brings the window back', async () => {
  const running = await startFresh();
  assert.ok(running);
  const sent = await desktopChannelTestSend(running);
  assert.ok(sent.ok);
  assert.equal(stub.notifications.length, 1);
  assert.equal(stub.notifications[0]!.title, 'TEST: this computer');
  assert.match(stub.notifications[0]!.body!, /Test alert from Photon Console/);
  assert.equal(stub.notifications[0]!.urgency, 'normal');

  const win = onlyWindow();
  win.minimize();
  stub.notificationObjects[0]!.click();
  assert.equal(win.minimized, false);
  assert.equal(win.focused, true);
});

test('where the system has no notifications, nothing is shown and nothing breaks', async () => {
  const running = await startFresh(() => {
    stub.notificationsSupported = false;
  });
  assert.ok(running);
  const sent = await desktopChannelTestSend(running);
  assert.ok(sent.ok, 'the delivery itself is still logged');
  assert.equal(stub.notifications.length, 0);
});

test('after quit the glue no longer listens for notifications', async () => {
  const running = await startFresh();
  assert.ok(running);
  const before = running.core.events.subscribers;
  await quit();
  assert.ok(running.core.events.subscribers < before, 'the notification listener was removed with the others');
});
