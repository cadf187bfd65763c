import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as electron from 'electron';
import * as stubModule from '../helpers/electron-stub/electron.ts';

// Everything else in test/electron relies on this: the glue and the tests see ONE stub instance.
test("'electron' resolves to the recording stub, the same instance the tests read", () => {
  assert.equal(electron.app, stubModule.app as unknown);
  assert.equal(electron.ipcMain, stubModule.ipcMain as unknown);
  assert.equal(typeof stubModule.stub, 'object');
});

test('the stub keeps the ready ordering rules of real Electron', async () => {
  stubModule.reset();
  assert.throws(() => stubModule.session.defaultSession, /when app is ready/);
  assert.throws(() => stubModule.protocol.handle('app', () => new Response('')), /after the app is ready/);
  await stubModule.app.whenReady();
  assert.throws(() => stubModule.protocol.registerSchemesAsPrivileged([{ scheme: 'x' }]), /before app is ready/);
});
