import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhotonBridge } from '../../../preload/contract.ts';
import { ApiError } from '../../../renderer/api/api-error.ts';
import { createIpcClient } from '../../../renderer/api/ipc-client.ts';
import type { ConnectionState } from '../../../renderer/api/types.ts';

function fakeBridge(answer: (method: string, input: unknown) => Promise<unknown>) {
  const subscribed: string[] = [];
  const bridge = new Proxy(
    {
      subscribe: (event: string) => {
        subscribed.push(event);
        return () => {};
      },
    },
    {
      get: (target, name: string) =>
        name in target ? target[name as 'subscribe'] : (input: unknown) => answer(name, input),
    },
  ) as unknown as PhotonBridge;
  return { bridge, subscribed };
}

test('envelopes from the bridge are unwrapped the same way as over HTTP', async () => {
  const { bridge } = fakeBridge((method) =>
    Promise.resolve(
      method === 'getSettings'
        ? { ok: true, value: { theme: 'light', staleAfterSeconds: 60 } }
        : { ok: false, error: { code: 'NOT_FOUND', message: 'No project with id "x"', field: 'id' } },
    ),
  );
  const client = createIpcClient(bridge);
  assert.equal(client.transport, 'electron');
  assert.deepEqual(await client.getSettings({}), { theme: 'light', staleAfterSeconds: 60 });
  await assert.rejects(client.removeProject({ id: 'x' }), (err: unknown) => err instanceof ApiError && err.code === 'NOT_FOUND' && err.field === 'id');
});

test('a bridge that throws (e.g. no handler registered in main) gives UNAVAILABLE', async () => {
  const { bridge } = fakeBridge(() => Promise.reject(new Error("No handler registered for 'photon:listProjects'")));
  await assert.rejects(createIpcClient(bridge).listProjects({}), (err: unknown) => err instanceof ApiError && err.code === 'UNAVAILABLE');
});

test('events go through the bridge, and the link is always live', () => {
  const { bridge, subscribed } = fakeBridge(() => Promise.resolve(null));
  const client = createIpcClient(bridge);
  client.subscribe('projectsChanged', () => {});
  const states: ConnectionState[] = [];
  client.onConnectionChange((s) => states.push(s));
  assert.deepEqual(subscribed, ['projectsChanged']);
  assert.deepEqual(states, ['live']);
});
