import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetAccessToken, takeAccessToken } from '../../../renderer/api/token.ts';

function fakeWindow(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const win = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    sessionStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    },
  };
  return { win: win as unknown as Window, storage, replaced };
}

test('the token is taken from the fragment, kept for the tab, and removed from the address bar', () => {
  const { win, storage, replaced } = fakeWindow('#token=abc_DEF-123');
  assert.equal(takeAccessToken(win), 'abc_DEF-123');
  assert.deepEqual(replaced, ['/']);
  assert.deepEqual([...storage.values()], ['abc_DEF-123']);
});

test('a reload (no fragment) uses the kept token; a view route is left alone', () => {
  const { win, replaced } = fakeWindow('#/projects', { 'photon.accessToken': 'kept' });
  assert.equal(takeAccessToken(win), 'kept');
  assert.deepEqual(replaced, []);
});

test('no token, or a malformed one, gives null (the malformed one is still scrubbed from the URL)', () => {
  assert.equal(takeAccessToken(fakeWindow('').win), null);
  const bad = fakeWindow('#token=<script>');
  assert.equal(takeAccessToken(bad.win), null);
  assert.deepEqual(bad.replaced, ['/']);
  assert.equal(bad.storage.size, 0);
});

test('forgetAccessToken drops the kept token', () => {
  const { win, storage } = fakeWindow('', { 'photon.accessToken': 'kept' });
  forgetAccessToken(win);
  assert.equal(storage.size, 0);
  assert.equal(takeAccessToken(win), null);
});
