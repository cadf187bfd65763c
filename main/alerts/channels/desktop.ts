import type { ChannelKind } from './channel-kind.ts';

/**
 * Desktop notifications: the core emits a `desktopNotification` event; the Electron glue shows it
 * with Notification (main/electron/desktop-notifications.ts) and a browser on `photon serve` shows
 * it in the page and, if permitted, through the browser's Notification API.
 */
export const desktopChannel: ChannelKind = { kind: 'desktop', transport: 'desktop' };
