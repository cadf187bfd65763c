import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleChunks, PRELOAD_BUILD } from '../helpers/vite-bundle.ts';

// A sandboxed preload can require('electron') and nothing else (no npm packages, no relative
// files), so everything the preload imports must end up inside its one CommonJS file. Built here
// with the preload settings of scripts/build.mjs, in memory.

test("the bundled preload is one CommonJS file whose only require is 'electron'", async () => {
  const chunks = await bundleChunks(PRELOAD_BUILD);
  assert.deepEqual(
    chunks.map((c) => c.fileName),
    ['index.cjs'],
  );
  const code = chunks[0]!.code;
  const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(required)], ['electron']);
  assert.doesNotMatch(code, /^\s*import[\s{]/m, 'no ES import may remain');
  assert.match(code, /exposeInMainWorld\(\s*["']photon["']/);
});
