// The settings file is read at startup, synchronously: a FIFO or an oversized file in its place must
// neither freeze the start nor be read; it is kept aside with a notice and defaults are used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS } from '../../preload/contract.ts';
import { CONFIG } from '../../main/core/config.ts';
import { JsonFileSettingsStore } from '../../main/settings/json-file-settings-store.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

test('a settings file that is a FIFO is refused at once and kept aside; defaults are used', (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const file = path.join(tmp.dir, 'settings.json');
  makeFifo(file);
  t.after(unblockFifoLater(file));
  const store = new JsonFileSettingsStore(file);
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  assert.equal(store.notices.length, 1);
  assert.match(store.notices[0]!, new RegExp(`^${file} is a FIFO \\(named pipe\\), not a regular file; not read\\. The file was kept as .*settings\\.json\\.invalid-\\d+; defaults are in use\\.$`));
  assert.equal(fs.existsSync(file), false);
});

test('an oversized settings file is not read', (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const file = path.join(tmp.dir, 'settings.json');
  fs.writeFileSync(file, `{"theme": "dark", "pad": "${'x'.repeat(CONFIG.files.settingsBytes)}"}`);
  const store = new JsonFileSettingsStore(file);
  assert.deepEqual(store.get(), DEFAULT_SETTINGS);
  assert.match(store.notices[0]!, /over the limit of \d+ bytes; not read/);
});
