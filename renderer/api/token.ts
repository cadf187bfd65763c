const STORAGE_KEY = 'photon.accessToken';
// Same alphabet and bound that photon serve accepts in its Bearer header.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The access token for `photon serve`. It arrives once in the URL fragment (`#token=…`, never sent
 * to the server or written to its logs), is kept in sessionStorage so a reload still works, and is
 * removed from the address bar at once so it does not linger in history, screenshots or screen shares.
 */
export function takeAccessToken(win: Window = window): string | null {
  const fromUrl = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromUrl !== null) {
    win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search);
    if (!TOKEN_SHAPE.test(fromUrl)) return null;
    remember(win, fromUrl);
    return fromUrl;
  }
  const stored = read(win);
  return stored !== null && TOKEN_SHAPE.test(stored) ? stored : null;
}

/** After the server refused the token: a reload should ask for the new URL, not fail the same way. */
export function forgetAccessToken(win: Window = window): void {
  try {
    win.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: there is nothing to forget.
  }
}

function remember(win: Window, token: string): void {
  try {
    win.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token still works until the page is reloaded.
  }
}

function read(win: Window): string | null {
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
