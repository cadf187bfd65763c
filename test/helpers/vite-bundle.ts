import { fileURLToPath } from 'node:url';
import { build, type InlineConfig, type Rollup } from 'vite';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The preload settings of scripts/build.mjs: one CommonJS file, only `electron` left outside. */
export const PRELOAD_BUILD: InlineConfig = {
  root: REPO,
  build: {
    write: false,
    ssr: true,
    target: 'node20',
    rollupOptions: { input: { index: 'preload/index.ts' }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
  },
  ssr: { noExternal: true, target: 'node' },
};

/** Builds in memory (nothing written) and returns the output chunks. */
export async function bundleChunks(config: InlineConfig): Promise<Rollup.OutputChunk[]> {
  const result = (await build({ configFile: false, logLevel: 'silent', ...config })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  return (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
}
