import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

// The renderer never parses anything, so it must not carry zod: it imports the contract for its
// types only, and values from the zod-free modules (preload/envelope.ts, schemas/monitor-statuses.ts).
// Built here with the settings of scripts/build.mjs, in memory; the preload bundle, which does
// carry zod, shows that the marker would be found.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
// zod 4 keeps every schema's internals under `_zod`; minification leaves property names alone.
const ZOD_MARKER = /\b_zod\b/;

async function bundle(config: Parameters<typeof build>[0]): Promise<string> {
  const result = (await build({ configFile: false, logLevel: 'silent', ...config })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  return (Array.isArray(result) ? result : [result])
    .flatMap((r) => r.output)
    .filter((o) => o.type === 'chunk')
    .map((c) => c.code)
    .join('\n');
}

test('the renderer bundle holds no zod; the preload bundle, which parses, does', async () => {
  const renderer = await bundle({
    root: `${REPO}/renderer`,
    base: './',
    esbuild: { jsx: 'automatic' },
    build: { write: false, target: 'chrome130' },
  });
  assert.match(renderer, /photon/, 'the renderer was built');
  assert.doesNotMatch(renderer, ZOD_MARKER);

  const preload = await bundle({
    root: REPO,
    build: {
      write: false,
      ssr: true,
      target: 'node20',
      rollupOptions: { input: { index: 'preload/index.ts' }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  });
  assert.match(preload, ZOD_MARKER);
});
