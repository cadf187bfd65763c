import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy.ts';
import { contentTypeOf } from '../core/content-types.ts';
import { APP_HOST, APP_SCHEME } from './app-url.ts';

/**
 * standard: real origin and relative URLs; secure: counts as a secure context like https (checklist
 * item 1); supportFetchAPI: the renderer may fetch its own assets. No bypassCSP, no CORS opening.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before app 'ready': Chromium reads the scheme list once, at startup. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}

// On every response, errors included: the CSP is what stops an injected script even if one gets in.
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

/**
 * Serves the built renderer from rendererDir for app://photon/… . Paths without an extension fall
 * back to index.html (the page routes itself); a path that would resolve outside the folder, or
 * any other host, is refused rather than clamped, so a traversal attempt never yields a file.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const wanted = resolveInside(root, request.url);
    if (wanted === null) return plain(403, 'Forbidden');
    const file = (await isFile(wanted)) ? wanted : path.extname(wanted) === '' ? path.join(root, 'index.html') : null;
    if (file === null || !(await isFile(file))) return plain(404, 'Not found');
    const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(file));
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) },
    });
  };
}

function resolveInside(root: string, rawUrl: string): string | null {
  let url: URL;
  let rel: string;
  try {
    url = new URL(rawUrl);
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || rel.includes('\0')) return null;
  // Decoding can reveal "../" (or "..\" on Windows) that URL parsing could not normalise away.
  const wanted = path.resolve(root, rel.replace(/^[/\\]+/, ''));
  return wanted === root || wanted.startsWith(root + path.sep) ? wanted : null;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}
