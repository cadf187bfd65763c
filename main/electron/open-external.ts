import type { Shell } from 'electron';
import { errorMessage } from '../core/error-message.ts';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The only door to shell.openExternal (lint enforces it): the OS hands a URL to whatever program
 * claims its scheme, so file:, smb:, javascript: or a custom scheme from page content could run or
 * leak local things (checklist item 15). Only web URLs without embedded credentials pass, and
 * what is opened is the re-serialised parse, never the raw string.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol) || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/** Returns whether the URL was handed to the OS; a refused URL is reported, never opened. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, raw: unknown): boolean {
  const href = safeExternalUrl(raw);
  if (href === null) {
    console.warn(`warning: refused to open ${JSON.stringify(String(raw).slice(0, 200))} outside the app: only http(s) links are opened`);
    return false;
  }
  shell.openExternal(href).catch((err: unknown) => {
    console.warn(`warning: could not open ${href}: ${errorMessage(err)}`);
  });
  return true;
}
