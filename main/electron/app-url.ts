/**
 * The renderer is served from app://photon/ (a privileged custom scheme), never file://, so that it
 * has a real origin to check: file:// pages share one opaque origin with every local file.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'photon';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for URLs of the app itself — parsed and compared by parts, never by string prefix. */
export function isAppUrl(raw: string | undefined | null): boolean {
  if (!raw) return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
