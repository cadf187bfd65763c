import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { invokeMain, ipcRenderer, stub } from '../helpers/electron-stub/electron.ts';
import { IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel, type Envelope, type Project } from '../../preload/contract.ts';
import { createBridge } from '../../preload/bridge.ts';
import { onlyWindow, quit, startFresh } from './running-app.ts';

// The renderer side as it runs in the window: the real bridge over the stub's ipcRenderer.
const photon = () => createBridge(ipcRenderer as unknown as Parameters<typeof createBridge>[0]);

beforeEach(async () => {
  assert.ok(await startFresh(), 'the app did not start');
});
afterEach(quit);

test('every contract method has an IPC handler, and nothing else is registered', () => {
  assert.deepEqual([...stub.ipcHandlers.keys()].sort(), METHOD_NAMES.map(ipcChannel).sort());
});

test('a call from the app frame goes end to end through the real core', async () => {
  const api = photon();
  const added = (await api.addProject({ name: '  Atlas  ', repoPath: '/srv/atlas' })) as Envelope<Project>;
  assert.ok(added.ok, JSON.stringify(added));
  assert.equal(added.value.name, 'Atlas');
  const listed = await api.listProjects({});
  assert.ok(listed.ok);
  assert.deepEqual(
    listed.value.map((p) => [p.id, p.name, p.repoPath]),
    [[added.value.id, 'Atlas', '/srv/atlas']],
  );
});

test('bad input comes back as an INVALID_INPUT envelope, not a thrown error', async () => {
  const result = await photon().addProject({ name: '' });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'INVALID_INPUT');
});

test('calls from any frame that is not the app are FORBIDDEN and reach no handler', async () => {
  const strangers = [
    'https://evil.example/',
    'https://photon/index.html',
    'app://photon.evil.com/index.html',
    'app://evil@photon/index.html',
    'file:///tmp/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    null,
  ];
  for (const frameUrl of strangers) {
    const result = (await invokeMain(ipcChannel('addProject'), [{ name: 'Injected' }], frameUrl)) as Envelope<unknown>;
    assert.equal(result.ok, false, `accepted a call from ${String(frameUrl)}`);
    assert.equal(!result.ok && result.error.code, 'FORBIDDEN');
  }
  stub.rendererFrameUrl = 'https://evil.example/';
  const viaBridge = await photon().listProjects({});
  assert.equal(!viaBridge.ok && viaBridge.error.code, 'FORBIDDEN');
  stub.rendererFrameUrl = 'app://photon/index.html';
  const listed = await photon().listProjects({});
  assert.deepEqual(listed, { ok: true, value: [] }, 'a refused call must not have added anything');
});

test('core events reach the window via webContents.send and the subscriber gets the payload', async () => {
  const api = photon();
  const received: unknown[][] = [];
  api.subscribe('projectsChanged', (...args: unknown[]) => received.push(args));
  const added = await api.addProject({ name: 'Beacon' });
  assert.ok(added.ok);

  const sent = onlyWindow().webContents.sent.filter((m) => m.channel === IPC_EVENT_CHANNEL);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.args[0], 'projectsChanged');
  assert.equal(received.length, 1);
  assert.equal(received[0]!.length, 1, 'the listener must get the payload alone');
  const payload = received[0]![0] as { projects: Project[] };
  assert.deepEqual(payload.projects.map((p) => p.name), ['Beacon']);

  await api.updateSettings({ theme: 'dark' });
  const settingsEvents = onlyWindow().webContents.sent.filter((m) => m.args[0] === 'settingsChanged');
  assert.deepEqual(settingsEvents[0]!.args[1], { theme: 'dark', staleAfterSeconds: 300 });
});

test('settings and projects survive a restart on the same userData folder', async () => {
  assert.ok((await photon().updateSettings({ staleAfterSeconds: 120 })).ok);
  assert.ok((await photon().addProject({ name: 'Comet' })).ok);
  const userData = stub.userDataDir;
  await quit();
  assert.ok(
    await startFresh(() => {
      stub.userDataDir = userData;
    }),
  );
  assert.deepEqual(await photon().getSettings({}), { ok: true, value: { theme: 'system', staleAfterSeconds: 120 } });
  const listed = await photon().listProjects({});
  assert.deepEqual(listed.ok && listed.value.map((p) => p.name), ['Comet']);
});
