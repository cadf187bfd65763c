import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeWebContents, app, fakeEvent, stub } from '../helpers/electron-stub/electron.ts';
import { hardenWebContents } from '../../main/electron/web-contents-guards.ts';
import type { WebContents } from 'electron';
import { onlyWindow, quit, startFresh } from './running-app.ts';

function guarded(): { contents: FakeWebContents; opened: string[] } {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  hardenWebContents(contents as unknown as WebContents, (url) => opened.push(url));
  return { contents, opened };
}

const LEAVING_THE_APP = [
  'https://photon/index.html',
  'http://photon/',
  'https://evil.example/',
  'app://photon.evil.com/',
  'app://photon.evil.com/index.html',
  'app://evil@photon/index.html',
  'app://user:pass@photon/',
  'app://photon:8080/',
  'app://evil/index.html',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/calc.exe',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  'not a url',
  '',
];

for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
  test(`${event}: every URL outside app://photon is blocked, parsed rather than prefix-matched`, () => {
    const { contents } = guarded();
    for (const url of LEAVING_THE_APP) {
      assert.equal(contents.simulateNavigation(event, url).defaultPrevented, true, `${event} to ${JSON.stringify(url)} was allowed`);
    }
  });

  test(`${event}: navigation inside the app is left alone`, () => {
    const { contents } = guarded();
    for (const url of ['app://photon/index.html', 'app://photon/projects?x=1#y', 'app://photon/']) {
      assert.equal(contents.simulateNavigation(event, url).defaultPrevented, false, `${event} to ${url} was blocked`);
    }
  });
}

test('a navigation event without a URL is treated as leaving the app', () => {
  const { contents } = guarded();
  const event = fakeEvent();
  contents.emit('will-navigate', event);
  assert.equal(event.defaultPrevented, true);
});

test('window.open is always denied; only http(s) links go to the browser', () => {
  const { contents, opened } = guarded();
  for (const url of ['https://docs.example/guide', 'http://example.com/']) {
    assert.deepEqual(contents.simulateWindowOpen(url), { action: 'deny' });
  }
  for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://photon/index.html', 'smb://host/share', 'https://u:p@example.com/']) {
    assert.deepEqual(contents.simulateWindowOpen(url), { action: 'deny' });
  }
  assert.deepEqual(opened, ['https://docs.example/guide', 'http://example.com/']);
});

test('<webview> attachment is prevented', () => {
  const { contents } = guarded();
  assert.equal(contents.simulateAttachWebview('https://evil.example/').defaultPrevented, true);
});

test('the app hardens EVERY webContents it creates, and sends http(s) popups to the browser via shell', async () => {
  await startFresh();
  try {
    const main = onlyWindow().webContents;
    assert.deepEqual(main.simulateWindowOpen('https://docs.example/'), { action: 'deny' });
    assert.deepEqual(main.simulateWindowOpen('file:///etc/passwd'), { action: 'deny' });
    assert.deepEqual(stub.openedExternally, ['https://docs.example/']);

    const other = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), other);
    assert.equal(other.simulateNavigation('will-navigate', 'https://evil.example/').defaultPrevented, true);
    assert.deepEqual(other.simulateWindowOpen('javascript:alert(1)'), { action: 'deny' });
    assert.equal(other.simulateAttachWebview('https://evil.example/').defaultPrevented, true);
  } finally {
    await quit();
  }
});
