/**
 * Electron entry (built to out/main/index.mjs). Paths are taken from this module's own location,
 * which after the build sits beside out/renderer and out/preload.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from './start-app.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

// Not awaited: Electron holds 'ready' back until this ESM entry has finished evaluating, so a
// top-level await on startup (which waits for 'ready') would never finish. Exported for tests.
export const started = startApp({
  rendererDir: path.join(here, '..', 'renderer'),
  preloadPath: path.join(here, '..', 'preload', 'index.cjs'),
});
