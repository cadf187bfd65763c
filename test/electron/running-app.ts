// Shared by the test/electron suites: starts the real glue against the stub in a fresh state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, reset, stub, type FakeBrowserWindow } from '../helpers/electron-stub/electron.ts';
import { startApp, type RunningApp } from '../../main/electron/start-app.ts';

const created: string[] = [];
process.on('exit', () => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temp folder removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export const INDEX_HTML = '<!doctype html><title>Photon Console</title><script type="module" src="./assets/main.js"></script>';

/** A built-renderer stand-in: what out/renderer holds after `npm run build`. */
export function fakeRendererDir(): string {
  const dir = tempDir('photon-renderer-');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dir, 'assets', 'main.js'), 'console.log("photon");\n');
  return dir;
}

export async function startFresh(prepare?: () => void): Promise<RunningApp | undefined> {
  reset();
  prepare?.();
  return startApp({ rendererDir: fakeRendererDir(), preloadPath: '/app/out/preload/index.cjs' });
}

/**
 * What a real quit does for the glue: 'will-quit' is held (preventDefault) while the core stops its
 * checks and closes the database, then app.quit() is called again. Resolves once that happened.
 */
export async function quit(): Promise<{ prevented: boolean }> {
  let prevented = false;
  const before = stub.quitCalls;
  app.emit('will-quit', { preventDefault: () => (prevented = true) });
  const deadline = Date.now() + 5_000;
  while (prevented && stub.quitCalls === before) {
    if (Date.now() > deadline) throw new Error('the app did not call app.quit() after closing the core');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { prevented };
}

export function onlyWindow(): FakeBrowserWindow {
  if (stub.windows.length !== 1) throw new Error(`expected one window, found ${stub.windows.length}`);
  return stub.windows[0]!;
}
