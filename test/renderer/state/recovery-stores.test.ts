import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostSummary } from '../../../preload/schemas/hosts.ts';
import type { RunSummary } from '../../../preload/schemas/recovery.ts';
import type { SecretInfo } from '../../../preload/schemas/secrets.ts';
import { createHostsStore } from '../../../renderer/state/hosts-store.ts';
import { createRunsStore, runKey } from '../../../renderer/state/runs-store.ts';
import { createSecretsStore } from '../../../renderer/state/secrets-store.ts';
import { deferred, fakeClient } from '../fake-client.ts';
import { finished, hostNamed, runNamed, secretNamed, vaultUp } from '../recovery-fixtures.ts';

const settle = () => new Promise((r) => setImmediate(r));
const texts = (segments: readonly { stream: string; text: string }[] | undefined) => segments?.map((s) => `${s.stream}:${s.text}`);

// ── Secrets ──

test('secrets: vault status and list from the core, then secretsChanged replaces the list', async () => {
  const fake = fakeClient({
    getVaultStatus: () => Promise.resolve(vaultUp),
    listSecrets: () => Promise.resolve([secretNamed('zeta'), secretNamed('alpha')]),
  });
  const { store, dispose } = createSecretsStore(fake.client);
  assert.equal(store.getState().status, 'loading');
  await settle();
  assert.equal(store.getState().vault?.available, true);
  assert.deepEqual(store.getState().secrets.map((s) => s.label), ['alpha', 'zeta'], 'sorted by label');
  fake.emit('secretsChanged', { secrets: [secretNamed('only')] });
  assert.deepEqual(store.getState().secrets.map((s) => s.label), ['only']);
  dispose();
  fake.emit('secretsChanged', { secrets: [] });
  assert.equal(store.getState().secrets.length, 1, 'a disposed store stops listening');
});

test('secrets: a value set or replaced goes to the core and is held nowhere in the store', async () => {
  const VALUE = 'hunter2-do-not-keep';
  const stored = secretNamed('db login');
  const fake = fakeClient({
    getVaultStatus: () => Promise.resolve(vaultUp),
    listSecrets: () => Promise.resolve([]),
    setSecret: () => Promise.resolve(stored),
    replaceSecret: () => Promise.resolve(stored),
    testSecret: () => Promise.resolve({ ref: stored.ref, present: true, checkedAt: 5 }),
    deleteSecret: () => Promise.resolve({ removed: true }),
  });
  const { store, dispose } = createSecretsStore(fake.client);
  await settle();
  assert.equal(await store.getState().set({ kind: 'ssh-password', label: 'db login', value: VALUE }), stored);
  await store.getState().replace(stored.ref, `${VALUE}-2`);
  assert.deepEqual(await store.getState().test(stored.ref), { ref: stored.ref, present: true, checkedAt: 5 });
  await store.getState().remove(stored.ref);
  assert.deepEqual(fake.calls.slice(2).map((c) => [c.method, c.input]), [
    ['setSecret', { kind: 'ssh-password', label: 'db login', value: VALUE }],
    ['replaceSecret', { ref: stored.ref, value: `${VALUE}-2` }],
    ['testSecret', { ref: stored.ref }],
    ['deleteSecret', { ref: stored.ref }],
  ]);
  const held = JSON.stringify(store.getState(), (_k, v: unknown) => (v instanceof Map ? [...v] : v));
  assert.doesNotMatch(held, /hunter2/, 'the store state never holds the value');
  dispose();
});

test('secrets: a list read older than an event does not win; the vault status still lands', async () => {
  const slow = deferred<SecretInfo[]>();
  const fake = fakeClient({
    getVaultStatus: () => Promise.resolve({ ...vaultUp, available: false, reason: 'no Secret Service on the session bus' }),
    listSecrets: () => slow.promise,
  });
  const { store, dispose } = createSecretsStore(fake.client);
  fake.emit('secretsChanged', { secrets: [secretNamed('newer')] });
  slow.resolve([secretNamed('older')]);
  await settle();
  assert.deepEqual(store.getState().secrets.map((s) => s.label), ['newer']);
  assert.equal(store.getState().vault?.reason, 'no Secret Service on the session bus');
  dispose();
});

test('secrets: a failed first load is reported; checkVault asks again', async () => {
  let vaultCalls = 0;
  const fake = fakeClient({
    getVaultStatus: () => (++vaultCalls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(vaultUp)),
    listSecrets: () => Promise.resolve([]),
  });
  const { store, dispose } = createSecretsStore(fake.client);
  await settle();
  assert.equal(store.getState().status, 'failed');
  assert.equal(store.getState().error?.message, 'down');
  await store.getState().checkVault();
  assert.equal(store.getState().vault?.available, true);
  assert.equal(store.getState().error, null);
  dispose();
});

// ── Hosts ──

test('hosts: listHosts once, hostsChanged replaces the list, an older read loses, reconnect reads again', async () => {
  const slow = deferred<HostSummary[]>();
  const answers = [slow.promise, Promise.resolve([hostNamed(3, 'c')])];
  const fake = fakeClient({ listHosts: () => answers.shift()! });
  const { store, dispose } = createHostsStore(fake.client);
  fake.emit('hostsChanged', { hosts: [hostNamed(2, 'web'), hostNamed(1, 'db')] });
  slow.resolve([hostNamed(1, 'stale')]);
  await settle();
  assert.deepEqual(store.getState().hosts.map((h) => h.name), ['db', 'web'], 'sorted by name, event wins over the older read');
  fake.setConnection('live');
  fake.setConnection('retrying');
  fake.setConnection('live');
  await settle();
  assert.deepEqual(store.getState().hosts.map((h) => h.name), ['c']);
  dispose();
});

test('hosts: calls carry exactly what the person chose, and never change the list themselves', async () => {
  const pinned = hostNamed(1, 'vm', { pin: { fingerprint: 'SHA256:x', keyType: 'ssh-ed25519', pinnedAt: 1 } });
  const fake = fakeClient({
    listHosts: () => Promise.resolve([hostNamed(1, 'vm')]),
    pinHostKey: () => Promise.resolve(pinned),
    importSshHosts: () => Promise.resolve({ imported: [], skipped: [] }),
    listRunbooks: () => Promise.resolve([]),
  });
  const { store, dispose } = createHostsStore(fake.client);
  await settle();
  const before = store.getState().hosts;
  assert.equal(await store.getState().pinHostKey(1, 'SHA256:typed'), pinned);
  await store.getState().importSshHosts({ file: '/tmp/cfg', aliases: ['a'], trustKnownHosts: true });
  await store.getState().listRunbooks(1);
  assert.equal(store.getState().hosts, before);
  assert.deepEqual(fake.calls.slice(1).map((c) => [c.method, c.input]), [
    ['pinHostKey', { hostId: 1, fingerprint: 'SHA256:typed' }],
    ['importSshHosts', { file: '/tmp/cfg', aliases: ['a'], trustKnownHosts: true }],
    ['listRunbooks', { hostId: 1 }],
  ]);
  dispose();
});

// ── Runs ──

const runsClient = (handlers: Parameters<typeof fakeClient>[0] = {}) => fakeClient({ listRuns: () => Promise.resolve([]), ...handlers });

test('runs: output that streams in before startRunbook answers is kept for that run, one segment per stream change', async () => {
  const answer = deferred<RunSummary>();
  const fake = runsClient({ startRunbook: () => answer.promise });
  const { store, dispose } = createRunsStore(fake.client);
  await settle();
  const started = store.getState().start({ hostId: 1, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
  fake.emit('runOutput', { chunks: [{ runId: 7, stream: 'info', text: '$ uptime\n' }, { runId: 7, stream: 'stdout', text: ' 10:00 up' }] });
  fake.emit('runOutput', { chunks: [{ runId: 7, stream: 'stdout', text: ' 3 days\n' }, { runId: 8, stream: 'stdout', text: 'other run' }, { runId: 7, stream: 'stderr', text: 'warn\n' }] });
  answer.resolve(runNamed(7));
  const run = await started;
  assert.equal(run.id, 7);
  const s = store.getState();
  assert.equal(s.lastStarted.get(runKey(1, 'builtin:diagnose')), 7);
  assert.deepEqual(texts(s.outputs.get(7)?.segments), ['info:$ uptime\n', 'stdout: 10:00 up 3 days\n', 'stderr:warn\n']);
  assert.deepEqual(texts(s.outputs.get(8)?.segments), ['stdout:other run']);
  assert.deepEqual(fake.calls.at(-1), { method: 'startRunbook', input: { hostId: 1, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' } });
  dispose();
});

test('runs: a run that finished before startRunbook answered stays finished', async () => {
  const answer = deferred<RunSummary>();
  const fake = runsClient({ startRunbook: () => answer.promise });
  const { store, dispose } = createRunsStore(fake.client);
  await settle();
  const started = store.getState().start({ hostId: 1, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
  fake.emit('runChanged', { run: finished(runNamed(4), { recovered: true, verification: '2 of 2 monitors UP' }) });
  answer.resolve(runNamed(4));
  const run = await started;
  assert.equal(run.status, 'succeeded');
  assert.equal(store.getState().known.get(4)?.status, 'succeeded');
  assert.equal(store.getState().runs[0]?.status, 'succeeded', 'the audit list too');
  fake.emit('runChanged', { run: runNamed(4) });
  assert.equal(store.getState().known.get(4)?.status, 'succeeded', 'a late "running" never rolls it back');
  dispose();
});

test('runs: the audit filter goes to listRuns; events join or leave the list by the same filter', async () => {
  const fake = runsClient({ listRuns: (input) => Promise.resolve((input as { status?: string }).status === 'running' ? [runNamed(1)] : [finished(runNamed(2))]) });
  const { store, dispose } = createRunsStore(fake.client);
  await settle();
  assert.deepEqual(fake.calls[0]!.input, { limit: 100 });
  assert.deepEqual(store.getState().runs.map((r) => r.id), [2]);
  store.getState().setFilter({ status: 'running', hostId: 1 });
  assert.equal(store.getState().status, 'loading', 'the old filter’s rows are not shown under the new one');
  await settle();
  assert.deepEqual(fake.calls.at(-1)!.input, { status: 'running', hostId: 1, limit: 100 });
  assert.deepEqual(store.getState().runs.map((r) => r.id), [1]);
  fake.emit('runChanged', { run: runNamed(3, { hostId: 2 }) });
  fake.emit('runChanged', { run: runNamed(5) });
  assert.deepEqual(store.getState().runs.map((r) => r.id), [5, 1], 'another host’s run stays out, newest first');
  fake.emit('runChanged', { run: finished(runNamed(1)) });
  assert.deepEqual(store.getState().runs.map((r) => r.id), [5], 'a finished run leaves the "running" filter');
  assert.equal(store.getState().runbookNames.get('builtin:diagnose'), 'Diagnose');
  dispose();
});

test('runs: changes announced while a list read is in flight are replayed over it', async () => {
  const slow = deferred<RunSummary[]>();
  const fake = runsClient({ listRuns: () => slow.promise });
  const { store, dispose } = createRunsStore(fake.client);
  fake.emit('runChanged', { run: finished(runNamed(1), { status: 'failed', exitCode: 3 }) });
  fake.emit('runChanged', { run: runNamed(9) });
  slow.resolve([runNamed(1), runNamed(0)]);
  await settle();
  assert.deepEqual(store.getState().runs.map((r) => [r.id, r.status]), [[9, 'running'], [1, 'failed'], [0, 'running']]);
  dispose();
});

test('runs: output lost while the link was down is admitted, and runs left "running" are asked for again', async () => {
  const fake = runsClient({
    startRunbook: () => Promise.resolve(runNamed(6, { hostId: 2 })),
    getRun: () => Promise.resolve({ ...finished(runNamed(6, { hostId: 2 }), { status: 'timed-out' }), output: 'x', outputTruncated: false }),
  });
  const { store, dispose } = createRunsStore(fake.client);
  fake.setConnection('live');
  await settle();
  store.getState().setFilter({ hostId: 1 });
  await settle();
  await store.getState().start({ hostId: 2, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
  fake.emit('runOutput', { chunks: [{ runId: 6, stream: 'stdout', text: 'partial' }] });
  fake.setConnection('retrying');
  assert.equal(store.getState().outputs.get(6)?.gap, true);
  fake.setConnection('live');
  await settle();
  await settle();
  assert.ok(fake.calls.some((c) => c.method === 'getRun' && (c.input as { runId: number }).runId === 6));
  assert.equal(store.getState().known.get(6)?.status, 'timed-out');
  assert.equal('output' in store.getState().known.get(6)!, false, 'the stored output is not kept as a summary');
  dispose();
});

test('runs: cancel sends the run id and records the answer', async () => {
  const fake = runsClient({ cancelRun: () => Promise.resolve(finished(runNamed(3), { status: 'cancelled', exitCode: null })) });
  const { store, dispose } = createRunsStore(fake.client);
  await settle();
  fake.emit('runChanged', { run: runNamed(3) });
  const run = await store.getState().cancel(3);
  assert.equal(run.status, 'cancelled');
  assert.deepEqual(fake.calls.at(-1), { method: 'cancelRun', input: { runId: 3 } });
  assert.equal(store.getState().known.get(3)?.status, 'cancelled');
  dispose();
});
