// Builds the three targets with Vite: the renderer (browser), the main process + CLI (Node/Electron
// main, ESM), and the preload script (CommonJS: sandboxed preloads cannot load ES modules).
import { builtinModules } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const nodeExternal = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
].map((name) => new RegExp(`^${name.replace(/[/.]/g, '\\$&')}(/.*)?$`));

const quiet = { logLevel: 'warn', configFile: false, root };

rmSync(new URL('../out', import.meta.url), { recursive: true, force: true });

await build({
  ...quiet,
  root: `${root}/renderer`,
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { outDir: `${root}/out/renderer`, emptyOutDir: true, target: 'chrome130', sourcemap: true },
});

await build({
  ...quiet,
  build: {
    outDir: 'out/main',
    target: 'node20',
    ssr: true,
    sourcemap: true,
    rollupOptions: {
      input: { index: 'main/electron/index.ts', cli: 'main/cli/index.ts' },
      external: nodeExternal,
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

await build({
  ...quiet,
  build: {
    outDir: 'out/preload',
    target: 'node20',
    ssr: true,
    rollupOptions: {
      input: { index: 'preload/index.ts' },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

console.log('built out/renderer, out/main (index.mjs, cli.mjs), out/preload/index.cjs');
