import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { fakeFrame, invokeMain, ipcMain, stub, type FakeFrame } from '../helpers/electron-stub/electron.ts';
import { METHOD_NAMES, ipcChannel, type Envelope } from '../../preload/contract.ts';
import { APP_ENTRY_URL } from '../../main/electron/app-url.ts';
import { isGuardedListener } from '../../main/electron/guarded-ipc.ts';
import { quit, startFresh } from './running-app.ts';

afterEach(quit);

// Harmless input for every method: the sender check comes before input parsing, so {} will do.
const FORGED: Array<[what: string, frame: FakeFrame | null]> = [
  ['another origin', fakeFrame('https://evil.example/')],
  ['an iframe of another origin in the app page', fakeFrame('https://evil.example/frame.html', APP_ENTRY_URL)],
  ['an iframe of the app inside the app page', fakeFrame(APP_ENTRY_URL, APP_ENTRY_URL)],
  ['the app page framed by another site', fakeFrame(APP_ENTRY_URL, 'https://evil.example/')],
  ['no frame', null],
];

// This is the first app start in this test process, so electron-store's constructor registers its
// channel here (it does so once per process); later starts in other files would not show it.
test('every channel on ipcMain checks its sender: a dependency’s listener is closed, every handler is guarded', async () => {
  assert.ok(await startFresh(), 'the app did not start');
  assert.ok(stub.ipcListenerRegistrations.includes('electron-store-get-data'), 'electron-store registered its channel');
  assert.deepEqual(ipcMain.eventNames(), [], 'no ipcMain.on listener is left, the dependency’s included');
  assert.deepEqual([...stub.ipcHandlers.keys()].sort(), METHOD_NAMES.map(ipcChannel).sort());
  for (const [channel, handler] of stub.ipcHandlers) assert.ok(isGuardedListener(handler), `${channel} does not go through handleFromApp`);
});

test('a listener some dependency adds at startup is closed before any window exists', async () => {
  let windowsWhenClosed = -1;
  assert.ok(
    await startFresh(() => {
      ipcMain.on('some-dependency:read-anything', (event) => ((event as { returnValue?: unknown }).returnValue = 'secrets'));
      ipcMain.on('some-dependency:read-anything', () => {});
      const removeListener = ipcMain.removeListener.bind(ipcMain);
      ipcMain.removeListener = (channel, listener) => {
        windowsWhenClosed = stub.windows.length;
        return removeListener(channel, listener);
      };
    }),
  );
  assert.equal(ipcMain.listenerCount('some-dependency:read-anything'), 0);
  assert.equal(windowsWhenClosed, 0);
  assert.equal(stub.windows.length, 1);
});

test('a forged sender is refused on every channel, and the app page is still answered', async () => {
  assert.ok(await startFresh(), 'the app did not start');
  for (const channel of stub.ipcHandlers.keys()) {
    for (const [what, frame] of FORGED) {
      const result = (await invokeMain(channel, [{}], frame)) as Envelope<unknown>;
      assert.equal(!result.ok && result.error.code, 'FORBIDDEN', `${channel} from ${what}: ${JSON.stringify(result)}`);
      assert.match(!result.ok ? result.error.message : '', /refused a call from /);
    }
  }
  const listed = (await invokeMain(ipcChannel('listProjects'), [{}], fakeFrame(APP_ENTRY_URL))) as Envelope<unknown>;
  assert.deepEqual(listed, { ok: true, value: [] });
});

test('a frame Electron has already disposed is refused, not a crash', async () => {
  assert.ok(await startFresh(), 'the app did not start');
  const disposed = {
    get url(): string {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    },
    parent: null,
  };
  const result = (await invokeMain(ipcChannel('listProjects'), [{}], disposed)) as Envelope<unknown>;
  assert.deepEqual(result, { ok: false, error: { code: 'FORBIDDEN', message: 'listProjects: refused a call from a frame that no longer exists' } });
});
