import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stub } from '../helpers/electron-stub/electron.ts';
import { APP_ENTRY_URL } from '../../main/electron/app-url.ts';
import { METHOD_NAMES } from '../../preload/contract.ts';
import { DATABASE_FILE } from '../../main/store/open-database.ts';
import { quit } from './running-app.ts';

// Importing the entry is what `electron .` does; it must start the whole app with no other call.
test('importing main/electron/index.ts starts the app against the userData folder', async () => {
  const userData = stub.userDataDir;
  const entry = await import('../../main/electron/index.ts');
  // The scheme is registered synchronously while the module evaluates, i.e. before 'ready'.
  assert.equal(stub.privilegedSchemes.length, 1);
  const running = await entry.started;
  try {
    assert.ok(running, `startup failed: ${JSON.stringify(stub.errorBoxes)}`);
    assert.equal(running.core.dataDir, userData);
    assert.ok(fs.existsSync(path.join(userData, DATABASE_FILE)));
    assert.equal(stub.windows.length, 1);
    assert.deepEqual(stub.windows[0]!.loadedUrls, [APP_ENTRY_URL]);
    assert.equal(stub.ipcHandlers.size, METHOD_NAMES.length);
    // Paths are taken relative to the entry module: out/main/index.mjs → out/preload, out/renderer.
    const prefs = stub.windows[0]!.options.webPreferences as { preload: string };
    assert.equal(prefs.preload, fileURLToPath(new URL('../../main/preload/index.cjs', import.meta.url)));
  } finally {
    await quit();
  }
});
