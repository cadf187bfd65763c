import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Alert, AlertChannel, DesktopNotification } from '../../../preload/schemas/alerts.ts';
import type { BackupStatus } from '../../../preload/schemas/backups.ts';
import { createAlertsStore } from '../../../renderer/state/alerts-store.ts';
import { createBackupsStore } from '../../../renderer/state/backups-store.ts';
import { createNotificationsStore } from '../../../renderer/state/notifications-store.ts';
import { deferred, fakeClient } from '../fake-client.ts';

const settle = () => new Promise((r) => setImmediate(r));

const channel = (id: number, name: string): AlertChannel => ({ id, name, kind: 'webhook', enabled: true, urlStored: true, createdAt: 1, updatedAt: 1 });
const alert = (id: number): Alert => ({
  id,
  incidentId: id,
  monitorId: 1,
  monitorName: 'api',
  kind: 'open',
  state: 'queued',
  title: `DOWN: api #${id}`,
  message: '',
  note: '',
  createdAt: id,
  deliveries: [],
});

const backupStatus = (names: string[]): BackupStatus => ({
  config: { enabled: true, everyHours: 24, keepDaily: 7, keepWeekly: 4 },
  folder: '/data/backups',
  backups: names.map((name, i) => ({
    id: i + 1,
    name,
    file: `/data/backups/${name}`,
    trigger: 'manual',
    startedAt: i,
    durationMs: 1,
    sizeBytes: 1,
    sha256: 'x',
    status: 'ok',
    verification: { integrity: 'ok', schemaVersion: 3, rowCounts: {} },
    error: null,
    removedAt: null,
  })),
  evidence: { subject: 'db', targetId: null, status: 'UNKNOWN', lastGoodAt: null, ageMs: null, warnAfterMs: 1, failAfterMs: 2, measuredAt: 1, detail: 'no backup has run yet', source: 'x' },
  pendingRestore: false,
  running: [],
  remoteTargets: [],
  remoteRuns: [],
});

test('alerts store: one read of channels, log, policy and windows, then events replace each; a read older than an event does not win', async () => {
  const slowChannels = deferred<AlertChannel[]>();
  const fake = fakeClient({
    listAlertChannels: () => slowChannels.promise,
    listAlerts: () => Promise.resolve([alert(1)]),
    getAlertPolicy: () => Promise.resolve({ reminderMinutes: 60, flapWindowMinutes: 30, flapThreshold: 3 }),
    listMaintenanceWindows: () => Promise.resolve([]),
  });
  const { store, dispose } = createAlertsStore(fake.client);
  fake.emit('alertChannelsChanged', { channels: [channel(1, 'new')] });
  slowChannels.resolve([channel(1, 'old')]);
  await settle();
  assert.equal(store.getState().status, 'ready');
  assert.deepEqual(store.getState().channels.map((c) => c.name), ['new'], 'the event is newer than the read');
  assert.equal(store.getState().policy?.reminderMinutes, 60);
  assert.deepEqual(store.getState().alerts.map((a) => a.id), [1], 'the other lists still come from the read');
  fake.emit('alertsChanged', { alerts: [alert(2), alert(1)] });
  assert.deepEqual(store.getState().alerts.map((a) => a.id), [2, 1]);
  dispose();
  fake.emit('alertsChanged', { alerts: [] });
  assert.equal(store.getState().alerts.length, 2, 'no updates after dispose');
});

test('backups store: status read, then backupsChanged and backupProgress; a failed first read is reported', async () => {
  const fake = fakeClient({ getBackupStatus: () => Promise.resolve(backupStatus(['a.db'])) });
  const { store, dispose } = createBackupsStore(fake.client);
  await settle();
  assert.deepEqual(store.getState().backups?.backups.map((b) => b.name), ['a.db']);
  fake.emit('backupProgress', { running: [{ kind: 'remote', targetId: 3, label: 'app', startedAt: 1, done: 10, total: 100, unit: 'bytes' }] });
  assert.equal(store.getState().running[0]!.done, 10);
  fake.emit('backupsChanged', backupStatus(['b.db', 'a.db']));
  assert.deepEqual(store.getState().backups?.backups.map((b) => b.name), ['b.db', 'a.db']);
  assert.equal(store.getState().running.length, 0, 'the status carries what is running now');
  dispose();

  const failing = fakeClient({ getBackupStatus: () => Promise.reject(new Error('boom')) });
  const second = createBackupsStore(failing.client);
  await settle();
  assert.equal(second.store.getState().status, 'failed');
  assert.match(second.store.getState().error?.message ?? '', /boom/);
  second.dispose();
});

test('desktop notifications: shown as toasts, passed to the browser only once it is allowed, never inside Electron', async () => {
  const created: Array<{ title: string; body: string | undefined }> = [];
  class FakeNotification {
    static permission: NotificationPermission = 'default';
    static requestPermission = () => Promise.resolve((FakeNotification.permission = 'granted'));
    constructor(title: string, options?: { body?: string }) {
      created.push({ title, body: options?.body });
    }
  }
  const win = { Notification: FakeNotification } as unknown as Window;
  const n = (alertId: number): DesktopNotification => ({ alertId, title: `DOWN: m${alertId}`, body: 'b', severity: 'critical', at: 1 });

  const fake = fakeClient({});
  const { store, dispose } = createNotificationsStore(fake.client, win);
  assert.equal(store.getState().permission, 'default');
  fake.emit('desktopNotification', n(1));
  assert.deepEqual(store.getState().shown.map((x) => x.alertId), [1]);
  assert.equal(created.length, 0, 'not allowed yet: the page shows it, the browser does not');
  await store.getState().requestPermission();
  fake.emit('desktopNotification', n(2));
  assert.deepEqual(created, [{ title: 'DOWN: m2', body: 'b' }]);
  store.getState().dismiss(1);
  assert.deepEqual(store.getState().shown.map((x) => x.alertId), [2]);
  dispose();

  const electron = fakeClient({});
  (electron.client as { transport: string }).transport = 'electron';
  const inApp = createNotificationsStore(electron.client, win);
  assert.equal(inApp.store.getState().permission, null, 'Electron notifies natively');
  electron.emit('desktopNotification', n(3));
  assert.equal(created.length, 1, 'no second, browser notification inside the app');
  assert.equal(inApp.store.getState().shown.length, 1);
  inApp.dispose();
});
