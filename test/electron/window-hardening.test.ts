import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { stub } from '../helpers/electron-stub/electron.ts';
import { APP_ENTRY_URL } from '../../main/electron/app-url.ts';
import { onlyWindow, quit, startFresh } from './running-app.ts';

afterEach(quit);

// Checklist items 2–4, 6, 8–12 as they reach the real BrowserWindow the app creates.
test('the main window is created with every hardening webPreference', async () => {
  await startFresh();
  const prefs = onlyWindow().options.webPreferences as Record<string, unknown>;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal('enableBlinkFeatures' in prefs, false);
  assert.equal(prefs.preload, '/app/out/preload/index.cjs');
  assert.equal(stub.sandboxEnabled, true, 'app.enableSandbox() also covers renderers created later');
  // Nothing unexpected slipped in (a partition would also escape the hardened default session).
  assert.deepEqual(Object.keys(prefs).sort(), [
    'allowRunningInsecureContent',
    'contextIsolation',
    'experimentalFeatures',
    'nodeIntegration',
    'nodeIntegrationInSubFrames',
    'nodeIntegrationInWorker',
    'preload',
    'sandbox',
    'webSecurity',
    'webviewTag',
  ]);
});

test('the window loads the app origin and appears only when ready to show', async () => {
  await startFresh();
  const win = onlyWindow();
  assert.deepEqual(win.loadedUrls, [APP_ENTRY_URL]);
  assert.equal(win.options.show, false);
  assert.equal(win.visible, false);
  win.emit('ready-to-show');
  assert.equal(win.visible, true);
});
