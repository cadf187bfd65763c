// KeytarSecretStore against the real thing: keytar → libsecret → a real gnome-keyring-daemon (Secret
// Service) on a private D-Bus session bus, each set up from scratch in a temp HOME by
// test/helpers/keyring-session.ts. The store runs in child processes inside that session (keytar binds
// to the bus when it loads); libsecret's own `secret-tool` checks the keyring independently.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { encodeEntry } from '../../main/secrets/keytar-secret-store.ts';
import { MAX_SECRET_BYTES, newSecretRef, type SecretKind } from '../../main/secrets/secret-store.ts';
import { FixtureTimeoutError, filesContaining, processesTagged, startKeyringSession, type FixtureRunOptions, type KeyringMode, type KeyringSession } from '../helpers/keyring-session.ts';
import type { RunnerInput, Step, StepResult } from './fixtures/keytar-store-runner.ts';

const RUNNER = 'keytar-store-runner.ts';
const NO_KEYCHAIN = /^No OS keychain is reachable \(Secret Service over D-Bus\): .+\. Photon will not store secrets in plain text\.$/;

let session: KeyringSession;
const sessions: KeyringSession[] = [];

async function open(mode: KeyringMode): Promise<KeyringSession> {
  const s = await startKeyringSession(mode);
  sessions.push(s);
  return s;
}

before(async () => {
  session = await open('unlocked-keyring');
});
after(async () => {
  for (const s of sessions) await s.stop();
});

async function run(s: KeyringSession, steps: Step[], options?: RunnerInput['options'], runOptions?: FixtureRunOptions): Promise<StepResult[]> {
  const input: RunnerInput = { steps, ...(options ? { options } : {}) };
  const results = await s.runFixture<StepResult[]>(RUNNER, input, runOptions);
  assert.equal(results.length, steps.length);
  return results;
}

function ok(r: StepResult | undefined): unknown {
  assert.ok(r?.ok, `step failed: ${JSON.stringify(r)}`);
  return r.value;
}

function failure(r: StepResult | undefined): Extract<StepResult, { ok: false }>['error'] {
  assert.ok(r && !r.ok, `step should have failed: ${JSON.stringify(r)}`);
  return r.error;
}

/** `secret-tool lookup service photon-console account <ref>`: the keyring's own answer, or null. */
async function lookup(s: KeyringSession, ref: string): Promise<string | null> {
  const r = await s.secretTool(['lookup', 'service', 'photon-console', 'account', ref]);
  if (r.code === 0) return r.stdout;
  assert.equal(r.code, 1, `secret-tool lookup: ${r.stderr}`);
  return null;
}

/** Every item of service photon-console, as secret-tool reports them (label/secret on stdout, attributes on stderr). */
async function search(s: KeyringSession): Promise<string> {
  const r = await s.secretTool(['search', '--all', 'service', 'photon-console']);
  return `${r.stdout}${r.stderr}`;
}

const SECRETS: Array<{ kind: SecretKind; value: string; label: string }> = [
  { kind: 'ssh-password', value: 'pw-Tr0ub4dor&3-7f3a9c', label: 'password for root@127.0.0.1:22' },
  { kind: 'key-passphrase', value: 'correct horse battery staple 5e1b', label: 'passphrase for ~/.ssh/id_ed25519' },
  { kind: 'api-token', value: 'ghp_a8Kq2Lm9Zr4Xw7Vb1Nc6Yd3Te5Uf0Gh2Jk', label: 'GitHub token' },
  { kind: 'webhook-url', value: 'https://hooks.example.com/services/T0/B0/s3cr3t-9d8c', label: 'alerts webhook' },
];

test('status() proves the real gnome-keyring works by a round trip, loads keytar only then, and leaves no probe entry', async () => {
  const [loadedBefore, backend, status, loadedAfter] = await run(session, [{ op: 'keytar-loaded' }, { op: 'backend' }, { op: 'status' }, { op: 'keytar-loaded' }]);
  assert.equal(ok(loadedBefore), false, 'keytar is not loaded by importing the store');
  assert.equal(ok(backend), 'OS keychain: Secret Service over D-Bus (keytar)');
  assert.deepEqual(ok(status), { available: true });
  assert.equal(ok(loadedAfter), true);
  const items = await search(session);
  assert.doesNotMatch(items, /probe:/, items);
});

test('a password, a passphrase, a token and a webhook URL live in the keyring (secret-tool sees them), survive the process, and are gone after delete', async () => {
  const puts = await run(session, [
    ...SECRETS.map((s): Step => ({ op: 'put', ...s })),
    ...SECRETS.flatMap((_, i): Step[] => [
      { op: 'has', ref: { from: i } },
      { op: 'describe', ref: { from: i } },
      { op: 'reveal', ref: { from: i } },
    ]),
  ]);
  const refs = SECRETS.map((_, i) => ok(puts[i]) as string);
  for (const [i, s] of SECRETS.entries()) {
    assert.match(refs[i]!, /^secret:[0-9a-f-]{36}$/);
    const base = SECRETS.length + i * 3;
    assert.equal(ok(puts[base]), true);
    assert.deepEqual(ok(puts[base + 1]), { ref: refs[i], kind: s.kind, label: s.label });
    assert.equal(ok(puts[base + 2]), s.value);
    // The keyring's own tool finds the entry under service photon-console, account = the ref.
    assert.equal(await lookup(session, refs[i]!), encodeEntry(s));
  }
  const items = await search(session);
  for (const ref of refs) assert.ok(items.includes(`attribute.account = ${ref}`), items);

  // At rest the keyring file is encrypted: none of the values is on disk in the session (HOME, XDG dirs, TMPDIR).
  assert.deepEqual(filesContaining([session.dir], SECRETS.map((s) => s.value)), []);
  assert.ok(fs.statSync(path.join(session.keyringDir, 'login.keyring')).size > 0, 'the keyring that was searched exists on disk');

  // A new process (a restarted app) reads them back and replaces one.
  const newPassword = 'pw-replaced-41c7 with spaces';
  const later = await run(session, [
    ...refs.map((ref): Step => ({ op: 'reveal', ref })),
    { op: 'replace', ref: refs[0]!, value: newPassword },
    { op: 'reveal', ref: refs[0]! },
    { op: 'describe', ref: refs[0]! },
  ]);
  SECRETS.forEach((s, i) => assert.equal(ok(later[i]), s.value));
  ok(later[4]);
  assert.equal(ok(later[5]), newPassword);
  assert.deepEqual(ok(later[6]), { ref: refs[0], kind: 'ssh-password', label: SECRETS[0]!.label });
  assert.equal(await lookup(session, refs[0]!), encodeEntry({ ...SECRETS[0]!, value: newPassword }));

  const gone = await run(session, [
    ...refs.map((ref): Step => ({ op: 'delete', ref })),
    ...refs.flatMap((ref): Step[] => [{ op: 'delete', ref }, { op: 'has', ref }, { op: 'reveal', ref }, { op: 'describe', ref }]),
    { op: 'replace', ref: refs[1]!, value: 'anything' },
  ]);
  refs.forEach((_, i) => assert.equal(ok(gone[i]), true));
  refs.forEach((_, i) => assert.deepEqual(gone.slice(4 + i * 4, 8 + i * 4).map(ok), [false, false, null, null]));
  const notFound = failure(gone[20]);
  assert.equal(notFound.name, 'SecretNotFoundError');
  assert.equal(notFound.message, `No stored secret ${refs[1]}: it was deleted (or removed from the OS keychain). Set it again.`);
  for (const ref of refs) assert.equal(await lookup(session, ref), null);
  assert.doesNotMatch(await search(session), /photon-console\/secret:/);
});

test('unicode, newlines, blank lines and a maximum-size value survive byte for byte', async () => {
  const values = [
    'ünïcødé 🔑 密码 — пароль',
    '\n\nstarts with blank lines\r\nand\ttabs\n\nand ends with a newline\n',
    ' leading and trailing spaces ',
    // Exactly MAX_SECRET_BYTES bytes of mixed 1-, 2-, 3- and 4-byte characters.
    ('a' + 'é' + '€' + '🔑').repeat(MAX_SECRET_BYTES / 10) + 'x'.repeat(MAX_SECRET_BYTES % 10),
  ];
  assert.equal(Buffer.byteLength(values[3]!), MAX_SECRET_BYTES);
  const r = await run(session, [
    ...values.map((value): Step => ({ op: 'put', kind: 'key-passphrase', value, label: 'passphrase ✓' })),
    ...values.map((_, i): Step => ({ op: 'reveal', ref: { from: i } })),
  ]);
  for (const [i, value] of values.entries()) {
    assert.equal(ok(r[values.length + i]), value);
    assert.equal(await lookup(session, ok(r[i]) as string), encodeEntry({ kind: 'key-passphrase', label: 'passphrase ✓', value }));
  }
  await run(session, values.map((_, i): Step => ({ op: 'delete', ref: ok(r[i]) as string })));
});

test('bad values and refs are refused with clear messages, nothing reaches the keyring, and no message quotes the value', async () => {
  const marker = 'Sekr1t-m4rker-0b7e';
  const cases: Array<{ step: Step; name: string; message: RegExp }> = [
    { step: { op: 'put', kind: 'ssh-password', value: '', label: 'x' }, name: 'InvalidSecretError', message: /^The SSH password is empty\.$/ },
    {
      step: { op: 'put', kind: 'key-passphrase', value: `${marker}\0tail`, label: 'x' },
      name: 'InvalidSecretError',
      message: /^The key passphrase contains a NUL character \(at position 19\); the OS keychain cannot store it\.$/,
    },
    {
      step: { op: 'put', kind: 'api-token', value: marker + 'x'.repeat(MAX_SECRET_BYTES), label: 'x' },
      name: 'InvalidSecretError',
      message: /^The API token is 2066 bytes long; the limit is 2048 bytes \(UTF-8\)\.$/,
    },
    { step: { op: 'put', kind: 'ssh-password', value: `${marker}\uDC00`, label: 'x' }, name: 'InvalidSecretError', message: /not valid Unicode text/ },
    { step: { op: 'put', kind: 'api-token', value: `${marker}\n`, label: 'x' }, name: 'InvalidSecretError', message: /API token contains a control character/ },
    { step: { op: 'put', kind: 'webhook-url', value: marker, label: 'x' }, name: 'InvalidSecretError', message: /^The webhook URL must be an absolute http:\/\/ or https:\/\/ URL\.$/ },
    { step: { op: 'put', kind: 'ssh-password', value: marker, label: '' }, name: 'InvalidSecretError', message: /label is empty/ },
    { step: { op: 'put', kind: 'password' as SecretKind, value: marker, label: 'x' }, name: 'InvalidSecretError', message: /^Unknown secret kind "password"/ },
    { step: { op: 'reveal', ref: 'secret:../../etc/passwd' }, name: 'InvalidSecretRefError', message: /^Not a secret reference/ },
    { step: { op: 'replace', ref: marker, value: 'x' }, name: 'InvalidSecretRefError', message: /^Not a secret reference/ },
  ];
  const before = await search(session);
  const results = await run(session, cases.map((c) => c.step));
  for (const [i, c] of cases.entries()) {
    const err = failure(results[i]);
    assert.equal(err.name, c.name, JSON.stringify(c.step));
    assert.match(err.message, c.message);
    assert.equal(err.keychainUnavailable, false);
    if (c.name === 'InvalidSecretError') assert.ok(!err.message.includes(marker), err.message);
  }
  assert.equal(await search(session), before);
});

// ---------------------------------------------------------------------------------------------
// No keychain: says so, refuses everything, writes nothing

const UNSTORED = ['unstored-pw-3c9d1e', 'unstored-token-8a2f44'];

function everyOperation(): Step[] {
  const ref = newSecretRef();
  return [
    { op: 'status' },
    { op: 'put', kind: 'ssh-password', value: UNSTORED[0]!, label: 'password for root@vm' },
    { op: 'put', kind: 'api-token', value: UNSTORED[1]!, label: 'token' },
    { op: 'replace', ref, value: UNSTORED[0]! },
    { op: 'has', ref },
    { op: 'describe', ref },
    { op: 'delete', ref },
    { op: 'reveal', ref },
  ];
}

function assertRefusedEverything(results: StepResult[], detail: RegExp): string {
  const status = ok(results[0]) as { available: boolean; reason: string };
  assert.equal(status.available, false);
  assert.match(status.reason, NO_KEYCHAIN);
  assert.match(status.reason, detail);
  for (const r of results.slice(1)) {
    const err = failure(r);
    assert.equal(err.name, 'KeychainUnavailableError');
    assert.equal(err.code, 'keychain-unavailable');
    assert.equal(err.keychainUnavailable, true);
    assert.match(err.message, NO_KEYCHAIN);
    for (const v of UNSTORED) assert.ok(!err.message.includes(v), err.message);
  }
  return status.reason;
}

test('DBUS_SESSION_BUS_ADDRESS pointing at nothing: unavailable with a plain reason, every method throws, nothing on disk', async () => {
  const s = await open('no-bus');
  const results = await run(s, everyOperation(), undefined, { env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(s.dir, 'no-such-bus')}` } });
  const reason = assertRefusedEverything(results, /Could not connect: No such file or directory/);
  assert.equal(reason, 'No OS keychain is reachable (Secret Service over D-Bus): Could not connect: No such file or directory. Photon will not store secrets in plain text.');
  assert.deepEqual(filesContaining([s.dir], UNSTORED), []);
});

test('no session bus at all (unset, no DISPLAY to autolaunch one): unavailable, nothing on disk', async () => {
  const s = await open('no-bus');
  assert.equal(s.env.DBUS_SESSION_BUS_ADDRESS, undefined);
  const results = await run(s, everyOperation());
  assertRefusedEverything(results, /Cannot autolaunch D-Bus without X11 \$DISPLAY/);
  assert.deepEqual(filesContaining([s.dir], UNSTORED), []);
});

test('a session bus without a Secret Service: unavailable, nothing on disk', async () => {
  const s = await open('bus-only');
  const results = await run(s, everyOperation());
  assertRefusedEverything(results, /org\.freedesktop\.secrets/);
  assert.deepEqual(filesContaining([s.dir], UNSTORED), []);
});

test('a locked keyring with nobody to unlock it: unavailable, nothing stored in the keyring or on disk', async () => {
  const s = await open('locked-keyring');
  const results = await run(s, everyOperation());
  assertRefusedEverything(results, /locked collection/);
  assert.deepEqual(filesContaining([s.dir], UNSTORED), []);
  assert.doesNotMatch(await search(s), /photon-console\/secret:/);
});

/** A unix socket that accepts D-Bus clients and never says a word: libsecret waits on it forever. */
async function silentBus(s: KeyringSession): Promise<{ address: string; accepted: net.Socket[]; close(): Promise<void> }> {
  const socket = path.join(s.dir, `silent-bus-${sessions.length}`);
  const accepted: net.Socket[] = [];
  const server = net.createServer((c) => accepted.push(c));
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    address: `unix:path=${socket}`,
    accepted,
    close: async () => {
      for (const c of accepted) c.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test('a bus that accepts connections but never answers: status() gives up at its timeout and later calls fail fast', async () => {
  const s = await open('no-bus');
  const bus = await silentBus(s);
  try {
    const t0 = performance.now();
    const results = await run(s, [...everyOperation(), { op: 'status' }, { op: 'stuck-calls' }], { probeTimeoutMs: 1_000, operationTimeoutMs: 1_000 }, {
      env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
      timeoutMs: 15_000,
    });
    assert.ok(performance.now() - t0 < 10_000, 'the child ended promptly (by SIGKILL to itself: process.exit would hang)');
    assert.ok(bus.accepted.length > 0, 'libsecret did connect to the silent bus');
    const first = results[0]!;
    assert.ok(first.ms >= 950 && first.ms < 3_000, `the probe took ${first.ms} ms`);
    assert.match((ok(first) as { reason: string }).reason, /: it did not answer within 1 s\. Photon will not store secrets in plain text\.$/);
    assertRefusedEverything(results.slice(0, -2), /did not answer/);
    for (const r of results.slice(1)) assert.ok(r.ms < 500, `a later call waited ${r.ms} ms`);
    assert.match(failure(results[1]).message, /a request made [\d.]+ s ago has still not been answered/);
    assert.match((ok(results.at(-2)) as { reason: string }).reason, /has still not been answered/);
    assert.equal(ok(results.at(-1)), 1, 'one keytar call (the probe) is stuck, no more were started');
    assert.deepEqual(filesContaining([s.dir], UNSTORED), []);
  } finally {
    await bus.close();
  }
});

test('why shutdown must check stuckCalls: with a keytar call stuck, process.exit() hangs (libuv joins its threadpool)', async () => {
  const s = await open('no-bus');
  const bus = await silentBus(s);
  try {
    const err = await s
      .runFixture(RUNNER, { steps: [{ op: 'status' }, { op: 'stuck-calls' }], options: { probeTimeoutMs: 300 }, exit: 'process.exit' } satisfies RunnerInput, {
        env: { DBUS_SESSION_BUS_ADDRESS: bus.address },
        timeoutMs: 3_000,
      })
      .then(
        () => assert.fail('process.exit() returned: if keytar/libuv changed, the SIGKILL workaround may no longer be needed'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof FixtureTimeoutError, String(err));
    // It had finished its work and printed its answer; only exiting hung.
    const results = JSON.parse(err.stdout) as StepResult[];
    assert.equal((ok(results[0]) as { available: boolean }).available, false);
    assert.equal(ok(results[1]), 1);
  } finally {
    await bus.close();
  }
});

test('every daemon and child of every keyring session is gone once the sessions stop', async () => {
  for (const s of sessions) assert.ok(processesTagged(s.tag).length > 0 || s.mode === 'no-bus', `${s.mode}: the check can see the session's daemons`);
  for (const s of sessions) await s.stop();
  await new Promise((r) => setTimeout(r, 100));
  const left = sessions.flatMap((s) => processesTagged(s.tag).map((p) => `${s.mode} ${p.pid}: ${p.command}`));
  assert.deepEqual(left, []);
});
