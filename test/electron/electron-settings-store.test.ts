import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ElectronSettingsStore } from '../../main/electron/electron-settings-store.ts';
import { DEFAULT_SETTINGS } from '../../preload/contract.ts';
import { tempDir } from './running-app.ts';

const settingsDir = () => tempDir('photon-settings-');

function asideFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.invalid-'));
}

test('no file yet: defaults, no notices, and nothing written until something changes', () => {
  const dir = settingsDir();
  const store = new ElectronSettingsStore(dir);
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  assert.deepEqual(store.notices, []);
  assert.equal(store.location, path.join(dir, 'settings.json'));
});

test('updates are written to settings.json and read back by a new store', () => {
  const dir = settingsDir();
  const store = new ElectronSettingsStore(dir);
  assert.deepEqual(store.update({ theme: 'dark' }), { theme: 'dark', staleAfterSeconds: 300 });
  assert.deepEqual(store.update({ staleAfterSeconds: 90, theme: undefined }), { theme: 'dark', staleAfterSeconds: 90 });
  assert.deepEqual(JSON.parse(fs.readFileSync(store.location, 'utf8')), { theme: 'dark', staleAfterSeconds: 90 });
  assert.deepEqual(new ElectronSettingsStore(dir).get(), { theme: 'dark', staleAfterSeconds: 90 });
  if (process.platform !== 'win32') assert.equal(fs.statSync(store.location).mode & 0o777, 0o600);
});

test('get() hands out a copy: callers cannot change the stored settings by mutation', () => {
  const store = new ElectronSettingsStore(settingsDir());
  const got = store.get();
  got.theme = 'light';
  assert.equal(store.get().theme, 'system');
});

test('a file written by an older version (missing keys) takes defaults for them, without a notice', () => {
  const dir = settingsDir();
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ theme: 'light' }));
  const store = new ElectronSettingsStore(dir);
  assert.deepEqual(store.get(), { theme: 'light', staleAfterSeconds: 300 });
  assert.deepEqual(store.notices, []);
});

for (const [label, content, pattern] of [
  ['a wrong value', JSON.stringify({ theme: 'neon' }), /"theme": theme must be one of system, light, dark/],
  ['an out-of-range number', JSON.stringify({ staleAfterSeconds: 1 }), /"staleAfterSeconds": staleAfterSeconds must be at least 10/],
  ['an unknown key', JSON.stringify({ theme: 'dark', colour: 'red' }), /"colour"/],
  ['text that is not JSON', '{ theme: dark', /not valid JSON/],
] as const) {
  test(`${label}: the file is kept aside, the problem becomes a notice, defaults are used`, () => {
    const dir = settingsDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), content);
    const store = new ElectronSettingsStore(dir);
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    assert.equal(store.notices.length, 1);
    assert.match(store.notices[0]!, pattern);
    assert.match(store.notices[0]!, /defaults are in use/);
    const aside = asideFiles(dir);
    assert.equal(aside.length, 1);
    assert.equal(fs.readFileSync(path.join(dir, aside[0]!), 'utf8'), content, 'the bad file must be kept as it was');
    store.update({ theme: 'light' });
    assert.deepEqual(new ElectronSettingsStore(dir).notices, [], 'a fresh valid file replaces it');
  });
}
