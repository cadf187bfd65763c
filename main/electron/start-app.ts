import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, session, shell } from 'electron';
import { CONFIG, parsePortText } from '../core/config.ts';
import { createCore, type Core } from '../app/create-core.ts';
import { registerAppScheme, serveAppProtocol } from './app-protocol.ts';
import { showDesktopNotifications } from './desktop-notifications.ts';
import { ElectronSettingsStore } from './electron-settings-store.ts';
import { forwardCoreEvents } from './forward-events.ts';
import { closeUnguardedIpcListeners } from './guarded-ipc.ts';
import { registerContractHandlers } from './ipc.ts';
import { resolveSqliteNativeBinding } from './native-binding.ts';
import { openExternalSafely } from './open-external.ts';
import { denyAllPermissions } from './permissions.ts';
import { hardenWebContents } from './web-contents-guards.ts';
import { createMainWindow } from './window.ts';
import { errorMessage } from '../core/error-message.ts';

export interface AppPaths {
  /** The built renderer (out/renderer), served as app://photon/. */
  rendererDir: string;
  /** The bundled preload script (out/preload/index.cjs). */
  preloadPath: string;
}

export interface RunningApp {
  core: Core;
  mainWindow(): BrowserWindow | null;
}

export const STARTUP_FAILURE_TITLE = 'Photon Console could not start';

/**
 * The app's whole lifecycle, glue only. Resolves to undefined when this process must not run (a
 * second instance, or a startup failure already shown to the user); never rejects.
 */
export function startApp(paths: AppPaths): Promise<RunningApp | undefined> {
  // A second copy would open the same database and settings: hand over to the first and leave.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(undefined);
  }
  // Up to the first await this runs while the entry module evaluates, i.e. before 'ready', which
  // is the only time a scheme can be made privileged and the one moment no webContents exists yet.
  registerAppScheme(protocol);
  // Sandboxes every renderer the app will ever create, whatever its webPreferences say.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => openExternalSafely(shell, url)));
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the Dock until the user quits it explicitly.
    if (process.platform !== 'darwin') app.quit();
  });
  return startWhenReady(paths).catch(reportStartupFailure);
}

async function startWhenReady(paths: AppPaths): Promise<RunningApp> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveAppProtocol(protocol, paths.rendererDir);

  const dataDir = app.getPath('userData');
  const core = createCore({
    dataDir,
    settings: new ElectronSettingsStore(dataDir),
    transport: 'electron',
    agents: { ingestPort: agentPortFromEnv() },
    nativeBinding: resolveSqliteNativeBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
      arch: process.arch,
      platform: process.platform,
    }),
  });
  try {
    const unregisterHandlers = registerContractHandlers(ipcMain, core.dispatch);
    // Before any window exists: no renderer ever talks to a channel that does not check its sender.
    closeUnguardedIpcListeners(ipcMain);
    const stopForwarding = forwardCoreEvents(core.events, () => BrowserWindow.getAllWindows());
    let win: BrowserWindow | null = createMainWindow(paths.preloadPath);
    const showWindow = () => {
      if (win === null || win.isDestroyed()) win = createMainWindow(paths.preloadPath);
      if (win.isMinimized()) win.restore();
      win.focus();
    };
    const stopNotifications = showDesktopNotifications(core.events, Notification, showWindow);
    app.on('second-instance', showWindow);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) showWindow();
    });
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      // Closing stops the checks in flight and flushes queued results: quit only once that is done.
      event.preventDefault();
      stopForwarding();
      stopNotifications();
      unregisterHandlers();
      void core.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
    return { core, mainWindow: () => (win === null || win.isDestroyed() ? null : win) };
  } catch (err) {
    await core.close();
    throw err;
  }
}

/** A failure before the window is up would otherwise leave an invisible process or a silent exit. */
function reportStartupFailure(err: unknown): undefined {
  const message = errorMessage(err);
  console.error(`error: ${STARTUP_FAILURE_TITLE}: ${message}`);
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, message);
  app.exit(1);
  return undefined;
}

/** PHOTON_AGENT_PORT moves the agents' push ingest (e.g. when the default is taken); the default otherwise. */
function agentPortFromEnv(): number {
  const raw = process.env.PHOTON_AGENT_PORT;
  return (raw === undefined ? null : parsePortText(raw)) ?? CONFIG.agents.ingestPort;
}
