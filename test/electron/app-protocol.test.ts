import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { simulateProtocolRequest, stub } from '../helpers/electron-stub/electron.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/core/content-security-policy.ts';
import { createAppProtocolHandler } from '../../main/electron/app-protocol.ts';
import { INDEX_HTML, fakeRendererDir, quit, startFresh } from './running-app.ts';

before(async () => {
  await startFresh();
});
after(quit);

test('the app scheme is privileged as standard, secure and fetch-capable, and nothing more', () => {
  assert.deepEqual(stub.privilegedSchemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
});

test('app:// responses carry the CSP and nosniff headers and the right type', async () => {
  const page = await simulateProtocolRequest('app://photon/index.html');
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(await page.text(), INDEX_HTML);

  const script = await simulateProtocolRequest('app://photon/assets/main.js');
  assert.equal(script.status, 200);
  assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(script.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
});

test('routes without an extension get index.html; a missing asset is a 404, still with the CSP', async () => {
  assert.equal(await (await simulateProtocolRequest('app://photon/')).text(), INDEX_HTML);
  assert.equal(await (await simulateProtocolRequest('app://photon/projects/42')).text(), INDEX_HTML);
  const missing = await simulateProtocolRequest('app://photon/assets/nope.js');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
});

test('../ traversal, encoded or not, is refused and never yields a file outside the renderer folder', async () => {
  const root = fakeRendererDir();
  const secret = path.join(path.dirname(root), `photon-secret-${process.pid}.txt`);
  fs.writeFileSync(secret, 'TOP SECRET');
  try {
    const handler = createAppProtocolHandler(root);
    const name = path.basename(secret);
    const attempts = [
      `app://photon/..%2f${name}`,
      `app://photon/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd`,
      `app://photon/assets/..%2f..%2f${name}`,
      `app://photon/%2e%2e%2f${name}`,
      `app://photon/..%5c${name}`,
      `app://photon/index.html%00.js`,
    ];
    for (const url of attempts) {
      const res = await handler(new Request(url));
      assert.notEqual(res.status, 200, `${url} was served`);
      assert.doesNotMatch(await res.text(), /TOP SECRET|root:/, url);
    }
    // URL parsing folds plain ../ back inside the root, and a leading // is not an absolute path:
    // both stay inside the folder (the page routes get index.html), never outside.
    assert.equal((await handler(new Request(`app://photon/../../${name}`))).status, 404);
    assert.equal(await (await handler(new Request('app://photon/%2fetc%2fpasswd'))).text(), INDEX_HTML);
  } finally {
    fs.rmSync(secret, { force: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('other hosts and methods are refused', async () => {
  const handler = createAppProtocolHandler(fakeRendererDir());
  assert.equal((await handler(new Request('app://evil/index.html'))).status, 403);
  assert.equal((await handler(new Request('app://photon.evil.com/index.html'))).status, 403);
  assert.equal((await handler(new Request('app://photon/index.html', { method: 'POST', body: 'x' }))).status, 405);
  const head = await handler(new Request('app://photon/index.html', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});
