import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { stub } from '../helpers/electron-stub/electron.ts';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, METHOD_NAMES, ipcChannel } from '../../preload/contract.ts';
import { createBridge } from '../../preload/bridge.ts';

// A stand-in ipcRenderer that records what the bridge asks of it.
class RecordingIpc extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve({ ok: true, value: channel });
  }
}

function bridgeOver() {
  const ipc = new RecordingIpc();
  // The bridge only needs invoke/on; the cast stands in for Electron's full IpcRenderer type.
  return { ipc, bridge: createBridge(ipc as unknown as Parameters<typeof createBridge>[0]) };
}

test('the preload exposes window.photon, and only that', async () => {
  await import('../../preload/index.ts');
  assert.deepEqual([...stub.exposed.keys()], ['photon']);
});

test('window.photon has exactly one function per contract method plus subscribe, and no ipcRenderer', async () => {
  await import('../../preload/index.ts');
  const photon = stub.exposed.get('photon') as Record<string, unknown>;
  assert.deepEqual(Object.keys(photon).sort(), [...METHOD_NAMES, 'subscribe'].sort());
  for (const [key, value] of Object.entries(photon)) assert.equal(typeof value, 'function', key);
  for (const leak of ['ipcRenderer', 'invoke', 'send', 'on', 'sendSync', 'require', 'process']) assert.equal(leak in photon, false, leak);
  assert.ok(Object.isFrozen(photon));
});

test('each method invokes its own contract channel with the input and returns the envelope', async () => {
  const { ipc, bridge } = bridgeOver();
  assert.deepEqual(await bridge.addProject({ name: 'Atlas' }), { ok: true, value: 'photon:addProject' });
  await bridge.listProjects({});
  assert.deepEqual(ipc.invoked, [
    { channel: ipcChannel('addProject'), args: [{ name: 'Atlas' }] },
    { channel: ipcChannel('listProjects'), args: [{}] },
  ]);
});

test('subscribe rejects unknown event names and non-function listeners', () => {
  const { ipc, bridge } = bridgeOver();
  const subscribe = bridge.subscribe as (event: unknown, listener: unknown) => () => void;
  for (const bad of ['nope', '__proto__', 'constructor', 'toString', '', 42, undefined]) {
    assert.throws(() => subscribe(bad, () => {}), TypeError, String(bad));
  }
  assert.throws(() => subscribe('projectsChanged', 'not a function'), TypeError);
  assert.equal(ipc.listenerCount(IPC_EVENT_CHANNEL), 0);
});

test('subscribers get the payload alone, never the IpcRendererEvent, through ONE channel listener', () => {
  const { ipc, bridge } = bridgeOver();
  const calls: unknown[][] = [];
  const stop = bridge.subscribe('settingsChanged', (...args: unknown[]) => calls.push(args));
  bridge.subscribe('projectsChanged', () => calls.push(['wrong event']));
  bridge.subscribe('settingsChanged', () => {});
  assert.equal(ipc.listenerCount(IPC_EVENT_CHANNEL), 1);

  const payload = { theme: 'dark', staleAfterSeconds: 60 };
  ipc.emit(IPC_EVENT_CHANNEL, { sender: ipc, senderId: 0 }, 'settingsChanged', payload);
  assert.deepEqual(calls, [[payload]]);

  stop();
  stop();
  ipc.emit(IPC_EVENT_CHANNEL, { sender: ipc }, 'settingsChanged', payload);
  ipc.emit(IPC_EVENT_CHANNEL, { sender: ipc }, 'notAnEvent', payload);
  assert.equal(calls.length, 1);
});

test('one failing subscriber does not starve the others', () => {
  const { ipc, bridge } = bridgeOver();
  const seen: unknown[] = [];
  const originalError = console.error;
  console.error = () => {};
  try {
    bridge.subscribe('projectsChanged', () => {
      throw new Error('boom');
    });
    bridge.subscribe('projectsChanged', (payload) => seen.push(payload));
    ipc.emit(IPC_EVENT_CHANNEL, {}, 'projectsChanged', { projects: [] });
  } finally {
    console.error = originalError;
  }
  assert.deepEqual(seen, [{ projects: [] }]);
  assert.ok(EVENT_NAMES.includes('projectsChanged'));
});
