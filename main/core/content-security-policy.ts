/**
 * One CSP for every way the renderer is served (Electron's app:// protocol and `photon serve`).
 * Scripts only from the app itself; no inline script, no eval, no remote content of any kind.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
