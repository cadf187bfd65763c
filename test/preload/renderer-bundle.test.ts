import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleChunks, PRELOAD_BUILD, REPO } from '../helpers/vite-bundle.ts';

// The renderer never parses anything, so it must not carry zod: it imports the contract for its
// types only, and values from the zod-free modules (preload/envelope.ts, schemas/monitor-statuses.ts).
// Built here with the settings of scripts/build.mjs, in memory; the preload bundle, which does
// carry zod, shows that the marker would be found.
// zod 4 keeps every schema's internals under `_zod`; minification leaves property names alone.
const ZOD_MARKER = /\b_zod\b/;

const bundle = async (config: Parameters<typeof bundleChunks>[0]) => (await bundleChunks(config)).map((c) => c.code).join('\n');

test('the renderer bundle holds no zod; the preload bundle, which parses, does', async () => {
  const renderer = await bundle({
    root: `${REPO}/renderer`,
    base: './',
    esbuild: { jsx: 'automatic' },
    build: { write: false, target: 'chrome130' },
  });
  assert.match(renderer, /photon/, 'the renderer was built');
  assert.doesNotMatch(renderer, ZOD_MARKER);

  const preload = await bundle(PRELOAD_BUILD);
  assert.match(preload, ZOD_MARKER);
});
