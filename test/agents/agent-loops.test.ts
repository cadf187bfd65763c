import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { closeServer, listen } from '../helpers/loopback-servers.ts';
import { startAgentsCore } from './agents-harness.ts';

test('the agent loops are named loops with measured health; the listener answers its own probe', async (t) => {
  const { core } = await startAgentsCore({ ingestCheckEveryMs: 50, sweepEveryMs: 50 });
  t.after(() => core.dispose());
  const byName = () => Object.fromEntries(core.loops.list().map((l) => [l.name, l]));
  assert.ok(byName()['agents.pull']);
  // Wait for real runs of the sweep and of the listener's health probe (not a timed assert: it waits for the runs).
  await new Promise<void>((resolve) => {
    const check = () => (byName()['agents.ingest']!.runs >= 2 && byName()['agents.presence']!.runs >= 1 ? resolve() : setTimeout(check, 20));
    check();
  });
  assert.equal(byName()['agents.ingest']!.state, 'ok');
  assert.equal(byName()['agents.ingest']!.errors, 0);
  assert.equal(byName()['agents.presence']!.state, 'ok');
});

test('a taken agent port: the app keeps running, the ingest loop is failing and says why', async (t) => {
  const blocker = net.createServer();
  const port = await listen(blocker);
  t.after(() => closeServer(blocker));
  const core = startTestCore(undefined, { secrets: new MemorySecretStore(), agents: { ingestPort: port } });
  t.after(() => core.dispose());
  await core.agents.ready;
  const info = core.agents.ingestInfo();
  assert.equal(info.url, null);
  assert.equal(info.error, `Port ${port} on 127.0.0.1 is already in use, so agents cannot push reports; choose another agent port`);
  const loop = core.loops.list().find((l) => l.name === 'agents.ingest')!;
  assert.equal(loop.state, 'failing');
  assert.equal(loop.lastError, info.error);
  const env = await core.dispatch('getAgentIngestInfo', {});
  assert.deepEqual(env, { ok: true, value: info });
});

test('without an agent port no listener is started, and the contract says so', async (t) => {
  const core = startTestCore(undefined, { secrets: new MemorySecretStore() });
  t.after(() => core.dispose());
  const env = await core.dispatch('getAgentIngestInfo', {});
  assert.deepEqual(env, { ok: true, value: { url: null, error: 'The push ingest is not enabled in this process (no agent port was configured)' } });
});
