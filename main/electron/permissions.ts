import type { Session } from 'electron';

/**
 * The app needs no camera, notifications, geolocation, clipboard-read or anything else a page can
 * ask for, and Electron grants every request by default (checklist item 5). Checks are denied too:
 * most web APIs check first and only request when the check fails.
 */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
