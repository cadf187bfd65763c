import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import Database from 'better-sqlite3';
import { app, stub } from '../helpers/electron-stub/electron.ts';
import { STARTUP_FAILURE_TITLE } from '../../main/electron/start-app.ts';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import { onlyWindow, quit, startFresh } from './running-app.ts';

afterEach(quit);

test('a second instance that does not get the lock quits at once and touches nothing', async () => {
  const running = await startFresh(() => {
    stub.singleInstanceLock = false;
  });
  assert.equal(running, undefined);
  assert.equal(stub.lockRequests, 1);
  assert.equal(stub.quitCalls, 1);
  assert.equal(stub.windows.length, 0);
  assert.equal(stub.ipcHandlers.size, 0);
  assert.deepEqual(stub.privilegedSchemes, []);
  assert.equal(fs.existsSync(path.join(stub.userDataDir, DATABASE_FILE)), false);
});

test('the first instance takes the lock; a second launch restores and focuses its window', async () => {
  const running = await startFresh();
  assert.ok(running);
  assert.equal(stub.lockRequests, 1);
  const win = onlyWindow();
  win.minimize();
  app.emit('second-instance', {}, [], '/', {});
  assert.equal(win.minimized, false);
  assert.equal(win.focused, true);
  assert.equal(stub.windows.length, 1, 'a second launch must not open another window');
});

test('a second launch after the window was closed (macOS) brings a new window', async () => {
  await startFresh();
  onlyWindow().close();
  app.emit('second-instance', {}, [], '/', {});
  assert.equal(stub.windows.filter((w) => !w.destroyed).length, 1);
});

test('activating the app with no window open (macOS Dock click) opens one', async () => {
  await startFresh();
  app.emit('activate', {}, true);
  assert.equal(stub.windows.length, 1, 'a window was already open: no second one');
  onlyWindow().close();
  app.emit('activate', {}, false);
  assert.equal(stub.windows.filter((w) => !w.destroyed).length, 1);
});

test('the default session denies every permission request and check', async () => {
  await startFresh();
  const request = stub.permissionRequestHandler;
  const check = stub.permissionCheckHandler;
  assert.ok(request && check, 'permission handlers not installed');
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'unknown']) {
    const answers: boolean[] = [];
    request({}, permission, (granted) => answers.push(granted), {});
    assert.deepEqual(answers, [false], `request for ${permission}`);
    assert.equal(check({}, permission, 'app://photon', {}), false, `check for ${permission}`);
  }
});

test('the app quits when its last window closes (except on macOS) and closes the core on will-quit', async () => {
  const running = await startFresh();
  assert.ok(running);
  onlyWindow().close();
  assert.equal(stub.quitCalls, process.platform === 'darwin' ? 0 : 1);
  const { prevented } = await quit();
  assert.equal(prevented, true, 'will-quit must wait for the core to close');
  assert.equal(stub.quitCalls, (process.platform === 'darwin' ? 0 : 1) + 1, 'app.quit() again once closed');
  assert.equal(stub.ipcHandlers.size, 0, 'IPC handlers left registered after quit');
  assert.equal(
    (await running.core.dispatch('listProjects', {})).ok,
    false,
    'the database should be closed after will-quit',
  );
});

test('a startup failure (a database from a newer version) is shown to the user and ends the app', async () => {
  const running = await startFresh(() => {
    const db = new Database(path.join(stub.userDataDir, DATABASE_FILE));
    db.pragma('user_version = 9999');
    db.close();
  });
  assert.equal(running, undefined);
  assert.equal(stub.errorBoxes.length, 1);
  assert.equal(stub.errorBoxes[0]!.title, STARTUP_FAILURE_TITLE);
  assert.match(stub.errorBoxes[0]!.content, /newer Photon Console \(schema version 9999/);
  assert.deepEqual(stub.exitCodes, [1]);
  assert.equal(stub.windows.length, 0);
  assert.equal(stub.ipcHandlers.size, 0);
});

test('invalid stored settings do not stop the app: defaults are used and the problem is a notice', async () => {
  const running = await startFresh(() => {
    fs.writeFileSync(path.join(stub.userDataDir, 'settings.json'), JSON.stringify({ theme: 'neon', staleAfterSeconds: 60 }));
  });
  assert.ok(running, 'the app did not start');
  assert.deepEqual(stub.errorBoxes, []);
  const info = await running.core.dispatch('getAppInfo', {});
  assert.ok(info.ok);
  const { notices, dataDir, transport } = info.value as { notices: string[]; dataDir: string; transport: string };
  assert.equal(transport, 'electron');
  assert.equal(dataDir, stub.userDataDir);
  assert.equal(notices.length, 1);
  assert.match(notices[0]!, /"theme"/);
  assert.deepEqual(await running.core.dispatch('getSettings', {}), { ok: true, value: { theme: 'system', staleAfterSeconds: 300 } });
});
