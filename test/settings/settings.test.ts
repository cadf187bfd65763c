import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../preload/contract.ts';
import { JsonFileSettingsStore } from '../../main/settings/json-file-settings-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

test('settings: defaults when no file, saved atomically, read back', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, 'settings.json');
  const store = new JsonFileSettingsStore(file);
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  store.update({ theme: 'dark' });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { ...DEFAULT_SETTINGS, theme: 'dark' });
  assert.deepEqual(new JsonFileSettingsStore(file).get().theme, 'dark');
  assert.deepEqual(fs.readdirSync(dir), ['settings.json'], 'no temp files left behind');
});

for (const [what, content, expected] of [
  ['broken JSON', '{"theme": ', /not valid JSON/],
  ['a wrong value', '{"theme": "neon"}', /"theme": theme must be one of/],
  ['an unknown key', '{"theme": "dark", "apiKey": "x"}', /"apiKey": /],
  ['an array', '[1,2]', /settings must be a JSON object/],
] as const) {
  test(`settings: a file with ${what} is kept aside with a notice naming file and key; defaults are used`, (t) => {
    const { dir, cleanup } = makeTempDir();
    t.after(cleanup);
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, content);
    const store = new JsonFileSettingsStore(file);
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    assert.equal(store.notices.length, 1);
    assert.ok(store.notices[0]!.startsWith(file), store.notices[0]);
    assert.match(store.notices[0]!, expected);
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('settings.json.invalid-'));
    assert.ok(aside, 'the bad file is kept');
    assert.equal(fs.readFileSync(path.join(dir, aside), 'utf8'), content);
  });
}

test('settings: an older file missing newer keys keeps its values and gains defaults', (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const file = path.join(dir, 'settings.json');
  fs.writeFileSync(file, '{"theme":"light"}');
  const store = new JsonFileSettingsStore(file);
  assert.deepEqual(store.get(), { ...DEFAULT_SETTINGS, theme: 'light' });
  assert.deepEqual(store.notices, []);
});

test('settings through the contract: update announces the change; notices surface in getAppInfo', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  fs.writeFileSync(path.join(dir, 'settings.json'), 'garbage');
  const core = startTestCore(dir);
  t.after(() => core.close());
  const events: unknown[] = [];
  core.events.onAny((name, payload) => events.push([name, payload]));
  const updated = await core.dispatch('updateSettings', { staleAfterSeconds: 120 });
  assert.deepEqual(updated, { ok: true, value: { ...DEFAULT_SETTINGS, staleAfterSeconds: 120 } });
  assert.deepEqual(events, [['settingsChanged', { ...DEFAULT_SETTINGS, staleAfterSeconds: 120 }]]);
  const info = await core.dispatch('getAppInfo', {});
  assert.ok(info.ok && (info.value as { notices: string[] }).notices.some((n) => n.includes('not valid JSON')));
});
