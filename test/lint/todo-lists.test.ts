import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TODO_LISTS, configModule, staleEntries } from './lint-helpers.ts';

// The exception lists in eslint.config.js may only shrink: an entry whose file meets the rule again
// must go, or the list would quietly excuse the next regression in that file.

test('every file on an exception list still breaks the rule it is excused from', async () => {
  const config = await configModule();
  assert.deepEqual(await staleEntries(config), []);
});

test('a listed file that meets its rule is reported as stale', async () => {
  const empty = { LONG_FILES_TODO: [], LONG_FUNCTIONS_TODO: [], DEEP_IMPORTS_TODO: [], BOUNDARY_TODO: [] };
  const stale = await staleEntries({ ...empty, LONG_FILES_TODO: ['main/core/error-message.ts'], DEEP_IMPORTS_TODO: ['main/core/config.ts'] });
  assert.deepEqual(stale, [
    'main/core/error-message.ts is on LONG_FILES_TODO but no longer breaks max-lines: delete its line',
    'main/core/config.ts is on DEEP_IMPORTS_TODO but no longer breaks photon/public-entry: delete its line',
  ]);
});

test('the exception lists are sorted, one file per line, without duplicates', async () => {
  const config = await configModule();
  for (const { name } of TODO_LISTS) {
    const list = config[name];
    assert.ok(Array.isArray(list), `${name} is exported`);
    assert.deepEqual(list, [...new Set(list)].sort(), `${name} is sorted and has no duplicates`);
    for (const file of list) assert.doesNotMatch(file, /[*?{}]|^\.|\/$/, `${name}: ${file} names one file, not a pattern`);
  }
});
