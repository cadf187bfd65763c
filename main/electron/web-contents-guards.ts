import type { WebContents } from 'electron';
import { isAppUrl } from './app-url.ts';
import { safeExternalUrl } from './open-external.ts';

type NavigationEvent = { url?: string; preventDefault(): void };

/**
 * Applied to EVERY webContents the app creates (from app 'web-contents-created'), so a future
 * window, popup or devtools-spawned page cannot slip past: the page may only ever show app://photon
 * (checklist 13), opens no windows of its own (14) and never hosts a <webview> (11–12).
 */
export function hardenWebContents(contents: WebContents, openExternal: (url: string) => unknown): void {
  // event.url is the Electron ≥25 form; an event without it is treated as leaving the app.
  const stayInApp = (event: NavigationEvent) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // Also covers sub-frames, which 'will-navigate' does not see (the CSP forbids frames anyway).
  contents.on('will-frame-navigate', stayInApp);

  contents.setWindowOpenHandler(({ url }) => {
    // A link meant for the outside world goes to the user's browser, never into an app window.
    if (safeExternalUrl(url) !== null) openExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
