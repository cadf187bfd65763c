import { isAppUrl } from './app-url.ts';

/** The part of an IPC event that says who sent it (Electron's IpcMainEvent and IpcMainInvokeEvent). */
export interface SenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Why a message must be refused, or null when it comes from the app itself: the top-level frame of
 * a window showing the app's own origin. A page the window was lured to, or any frame inside the
 * app page (an iframe can only show another origin's content, or ours used as a gadget), is not.
 */
export function senderRefusal(event: SenderEvent): string | null {
  let url: string;
  let parent: unknown;
  try {
    if (!event.senderFrame) return 'an unknown frame';
    ({ url, parent } = event.senderFrame);
  } catch {
    // Electron throws when a frame was disposed (navigated away, closed) before we looked at it.
    return 'a frame that no longer exists';
  }
  if (!isAppUrl(url)) return JSON.stringify(url);
  if (parent !== null) return `a frame inside the app page (${JSON.stringify(url)})`;
  return null;
}
