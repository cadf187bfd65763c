import { BrowserWindow } from 'electron';
import type { WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-url.ts';
import { errorMessage } from '../core/error-message.ts';

/**
 * Every setting spelled out, even where it is Electron's default, so a changed default or a
 * careless edit shows up in review and fails the hardening test (checklist items 2–4, 6, 8–12).
 * enableBlinkFeatures is deliberately absent.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
  };
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Photon Console',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    // Shown only once painted, so the user never sees an empty white frame.
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(`error: could not load ${APP_ENTRY_URL}: ${errorMessage(err)}`);
    // Better a visible window with Chromium's error page than a running app with nothing on screen.
    if (!win.isDestroyed()) win.show();
  });
  return win;
}
