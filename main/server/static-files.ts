import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../core/content-security-policy.ts';
import { contentTypeOf } from '../core/content-types.ts';

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Serves the built renderer. Unknown paths fall back to index.html (the app routes in the page);
 * anything resolving outside the folder is refused.
 */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const rel = decodeSafe(urlPath);
  const wanted = rel === null ? null : path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (wanted === null || (wanted !== root && !wanted.startsWith(root + path.sep))) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad path');
    return;
  }
  const file = isFile(wanted) ? wanted : path.join(root, 'index.html');
  if (!isFile(file)) {
    res
      .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`The renderer is not built (no ${file}). Run "npm run build" first.`);
    return;
  }
  const type = contentTypeOf(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  fs.createReadStream(file).pipe(res);
}

function decodeSafe(p: string): string | null {
  try {
    const decoded = decodeURIComponent(p);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
