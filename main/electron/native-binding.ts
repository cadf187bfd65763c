import fs from 'node:fs';
import path from 'node:path';

export interface NativeBindingContext {
  isPackaged: boolean;
  /** process.resourcesPath: where extraResources land in an installed app. */
  resourcesPath: string;
  /** app.getAppPath(): the project root when started with `electron .`. */
  appRoot: string;
  /** process.versions.electron; undefined under plain Node. */
  electronVersion: string | undefined;
  arch: string;
  platform: string;
}

export const SQLITE_BINARY = 'better_sqlite3.node';

/** Must stay equal to electronNativeDir() in scripts/native-electron.mjs (a test checks it). */
export function electronNativeDir(appRoot: string, electronVersion: string, platform: string, arch: string): string {
  return path.join(appRoot, '.native', `electron-${electronVersion}-${platform}-${arch}`);
}

/**
 * Which better-sqlite3 binary the core should load. Electron and Node have different native ABIs,
 * and node_modules/better-sqlite3 stays built for Node (tests, `photon serve`, the CLI), so under
 * Electron the binary comes from outside node_modules: the installed app's resources, or the
 * .native/ folder that scripts/native-electron.mjs fills during development.
 */
export function resolveSqliteNativeBinding(ctx: NativeBindingContext, exists: (p: string) => boolean = fs.existsSync): string | undefined {
  if (ctx.electronVersion === undefined) return undefined;
  if (ctx.isPackaged) {
    const file = path.join(ctx.resourcesPath, 'native', SQLITE_BINARY);
    if (!exists(file)) throw new Error(`${file} is missing: this installation of Photon Console is incomplete. Reinstall it.`);
    return file;
  }
  const file = path.join(electronNativeDir(ctx.appRoot, ctx.electronVersion, ctx.platform, ctx.arch), SQLITE_BINARY);
  if (!exists(file)) {
    throw new Error(
      `${file} is missing: better-sqlite3 has not been built for Electron ${ctx.electronVersion} (${ctx.platform}-${ctx.arch}). ` +
        'Start the app with "npm start", or run "node scripts/native-electron.mjs" once, then start it again.',
    );
  }
  return file;
}
