import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

// A sandboxed preload can require('electron') and nothing else (no npm packages, no relative
// files), so everything the preload imports must end up inside its one CommonJS file. Built here
// with the preload settings of scripts/build.mjs, in memory.
const REPO = fileURLToPath(new URL('../../', import.meta.url));

test("the bundled preload is one CommonJS file whose only require is 'electron'", async () => {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO,
    build: {
      write: false,
      ssr: true,
      target: 'node20',
      rollupOptions: { input: { index: 'preload/index.ts' }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
    ssr: { noExternal: true, target: 'node' },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
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
