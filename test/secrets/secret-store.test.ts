// The vault's contract without a keyring: validation, references, the keychain entry format, the
// test-only memory store, and KeytarSecretStore's failure handling driven through fake keytar modules
// (load failure, a keychain that never answers, one that fails). The real gnome-keyring tests are in
// keytar-secret-store.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  InvalidSecretError,
  InvalidSecretRefError,
  KeychainError,
  KeychainUnavailableError,
  MAX_SECRET_BYTES,
  SecretNotFoundError,
  isSecretRef,
  newSecretRef,
  parseSecretRef,
  validateLabel,
  validateSecretValue,
  type SecretKind,
  type SecretRef,
  type SecretStore,
} from '../../main/secrets/secret-store.ts';
import { KeytarSecretStore, decodeEntry, encodeEntry, keychainMechanism, type KeytarLike } from '../../main/secrets/keytar-secret-store.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a throw');
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected a rejection');
}

// ---------------------------------------------------------------------------------------------
// References

test('refs are secret:<uuid v4>, fresh each time, and parseSecretRef rejects anything else without echoing long input', () => {
  const a = newSecretRef();
  const b = newSecretRef();
  assert.match(a, /^secret:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
  assert.equal(parseSecretRef(a), a);
  for (const bad of ['', 'secret:', 'secret:not-a-uuid', `SECRET:${a.slice(7)}`, `${a} `, `${a}\n`, 'hunter2', 42, null, undefined, {}]) {
    assert.equal(isSecretRef(bad), false, String(bad));
    assert.ok(thrown(() => parseSecretRef(bad)) instanceof InvalidSecretRefError, String(bad));
  }
  const long = 'p'.repeat(500);
  const err = thrown(() => parseSecretRef(long));
  assert.equal(err.message, 'Not a secret reference (expected "secret:<uuid>"): a 500-character string.');
});

// ---------------------------------------------------------------------------------------------
// Validation

const SECRET_BYTES = 'Tr0ub4dor&3-s3cr3t-bytes';

test('every kind rejects empty, NUL, unpaired surrogates and oversized values, with a message that never quotes the value', () => {
  for (const kind of ['ssh-password', 'key-passphrase', 'api-token', 'webhook-url'] as const) {
    const cases: Array<[unknown, RegExp]> = [
      ['', /is empty\.$/],
      [`${SECRET_BYTES}\0more`, /contains a NUL character \(at position 25\); the OS keychain cannot store it\./],
      [`${SECRET_BYTES}\uD800`, /not valid Unicode text/],
      [SECRET_BYTES + 'x'.repeat(MAX_SECRET_BYTES), new RegExp(`is ${SECRET_BYTES.length + MAX_SECRET_BYTES} bytes long; the limit is ${MAX_SECRET_BYTES} bytes \\(UTF-8\\)\\.`)],
      // Under the limit in characters, over it in UTF-8 bytes (3 bytes each).
      ['€'.repeat(700), /is 2100 bytes long; the limit is 2048 bytes/],
      [12345, /must be text, not number\./],
      [null, /must be text, not null\./],
    ];
    for (const [value, message] of cases) {
      const err = thrown(() => validateSecretValue(kind, value));
      assert.ok(err instanceof InvalidSecretError, `${kind}: ${String(err)}`);
      assert.equal(err.code, 'invalid-secret');
      assert.match(err.message, message, kind);
      assert.ok(!err.message.includes(SECRET_BYTES), `${kind}: message quotes the value: ${err.message}`);
    }
  }
});

test('passwords and passphrases may hold anything but NUL; tokens and webhook URLs are one clean line; URLs are http(s)', () => {
  const exactlyMax = 'é'.repeat(MAX_SECRET_BYTES / 2);
  for (const kind of ['ssh-password', 'key-passphrase'] as const) {
    for (const ok of [' leading and trailing spaces ', 'line1\nline2\r\n\ttab', 'ünïcødé 🔑 密码', '"quotes" \'and\' $(subshells) `ticks`', exactlyMax, 'x']) {
      validateSecretValue(kind, ok);
    }
  }
  validateSecretValue('api-token', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a');
  validateSecretValue('webhook-url', 'https://hooks.example.com/services/T000/B000/XXXX?token=abc');
  validateSecretValue('webhook-url', 'http://127.0.0.1:8080/hook');
  const bad: Array<[SecretKind, string, RegExp]> = [
    ['api-token', `${SECRET_BYTES}\n`, /API token contains a control character such as a line break \(at position 25\)/],
    ['api-token', ` ${SECRET_BYTES}`, /API token starts or ends with a space/],
    ['webhook-url', `https://example.com/${SECRET_BYTES}\r\nX-Injected: 1`, /webhook URL contains a control character/],
    ['webhook-url', SECRET_BYTES, /^The webhook URL must be an absolute http:\/\/ or https:\/\/ URL\.$/],
    ['webhook-url', `ftp://example.com/${SECRET_BYTES}`, /absolute http:\/\/ or https:\/\/ URL/],
    ['webhook-url', `file:///etc/${SECRET_BYTES}`, /absolute http:\/\/ or https:\/\/ URL/],
  ];
  for (const [kind, value, message] of bad) {
    const err = thrown(() => validateSecretValue(kind, value));
    assert.ok(err instanceof InvalidSecretError);
    assert.match(err.message, message);
    assert.ok(!err.message.includes(SECRET_BYTES), err.message);
  }
  assert.match(thrown(() => validateSecretValue('password' as SecretKind, 'x')).message, /Unknown secret kind "password"; expected one of ssh-password, key-passphrase, api-token, webhook-url\./);
});

test('labels are one non-empty line of at most 100 characters', () => {
  validateLabel('password for deploy@prod-vm:22');
  for (const [label, message] of [
    ['', /label is empty/],
    ['   ', /label is empty/],
    ['a\nb', /one line of text/],
    ['x'.repeat(101), /101 characters long; the limit is 100/],
    [7, /must be text/],
  ] as const) {
    const err = thrown(() => validateLabel(label));
    assert.ok(err instanceof InvalidSecretError);
    assert.match(err.message, message);
  }
});

// ---------------------------------------------------------------------------------------------
// The keychain entry

test('the keychain entry keeps the value byte for byte, blank lines included, and rejects foreign content', () => {
  const value = '\n\nstarts with blank lines\n\nkind: api-token\n';
  const raw = encodeEntry({ kind: 'key-passphrase', label: 'id_ed25519: work laptop', value });
  assert.equal(raw, `photon-console secret v1\nkind: key-passphrase\nlabel: id_ed25519: work laptop\n\n${value}`);
  assert.deepEqual(decodeEntry(raw), { kind: 'key-passphrase', label: 'id_ed25519: work laptop', value });
  for (const foreign of ['hunter2', '', 'photon-console secret v1\nkind: nope\nlabel: x\n\nv', 'photon-console secret v2\nkind: api-token\nlabel: x\n\nv', 'photon-console secret v1\nkind: api-token\nlabel: x\n\n']) {
    assert.equal(decodeEntry(foreign), null, JSON.stringify(foreign));
  }
});

test('the largest value with the longest label fits Windows Credential Manager (2560 bytes)', () => {
  const raw = encodeEntry({ kind: 'key-passphrase', label: '密'.repeat(100), value: 'x'.repeat(MAX_SECRET_BYTES) });
  assert.ok(Buffer.byteLength(raw) <= 2560, String(Buffer.byteLength(raw)));
});

// ---------------------------------------------------------------------------------------------
// MemorySecretStore: same contract, for other modules' tests

async function roundTrip(store: SecretStore): Promise<void> {
  const ref = await store.put('ssh-password', 'pw 1\nü', 'password for root@127.0.0.1');
  assert.ok(isSecretRef(ref));
  assert.equal(await store.has(ref), true);
  assert.deepEqual(await store.describe(ref), { ref, kind: 'ssh-password', label: 'password for root@127.0.0.1' });
  assert.equal(await store.reveal(ref), 'pw 1\nü');
  await store.replace(ref, 'pw 2');
  assert.equal(await store.reveal(ref), 'pw 2');
  assert.equal(await store.delete(ref), true);
  assert.equal(await store.delete(ref), false);
  assert.equal(await store.has(ref), false);
  assert.equal(await store.describe(ref), null);
  assert.equal(await store.reveal(ref), null);
  assert.ok((await rejection(store.replace(ref, 'pw 3'))) instanceof SecretNotFoundError);
}

test('MemorySecretStore follows the contract, validates like the keychain store, and can play "no keychain"', async () => {
  const store = new MemorySecretStore();
  assert.deepEqual(await store.status(), { available: true });
  await roundTrip(store);

  const token = await store.put('api-token', 'tok-123', 'CI token');
  const err = await rejection(store.replace(token, 'two\nlines'));
  assert.ok(err instanceof InvalidSecretError, String(err));
  assert.equal(await store.reveal(token), 'tok-123');

  const reason = 'No OS keychain is reachable (test). Photon will not store secrets in plain text.';
  const down = new MemorySecretStore({ unavailableReason: reason });
  assert.deepEqual(await down.status(), { available: false, reason });
  const putErr = await rejection(down.put('api-token', 'tok-456', 'x'));
  assert.ok(putErr instanceof KeychainUnavailableError);
  assert.equal(putErr.reason, reason);
  assert.equal(down.size, 0);
  assert.ok((await rejection(down.has(newSecretRef()))) instanceof KeychainUnavailableError);
  // Bad input is reported as such even without a keychain.
  assert.ok((await rejection(down.put('api-token', '', 'x'))) instanceof InvalidSecretError);
  assert.ok((await rejection(down.reveal('nope' as SecretRef))) instanceof InvalidSecretRefError);
});

// ---------------------------------------------------------------------------------------------
// KeytarSecretStore against fake keytar modules

/** An in-memory keytar with switches for the failure modes. */
function fakeKeytar() {
  const entries = new Map<string, string>();
  const calls: string[] = [];
  const state = { hang: false, fail: null as string | null, released: [] as Array<() => void> };
  const gate = async <T>(name: string, fn: () => T): Promise<T> => {
    calls.push(name);
    if (state.hang) await new Promise<void>((resolve) => state.released.push(resolve));
    if (state.fail !== null) throw new Error(state.fail);
    return fn();
  };
  const keytar: KeytarLike = {
    getPassword: (s, a) => gate('get', () => entries.get(`${s}/${a}`) ?? null),
    setPassword: (s, a, p) => gate('set', () => void entries.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => gate('delete', () => entries.delete(`${s}/${a}`)),
  };
  return { keytar, entries, calls, state, release: () => state.released.splice(0).forEach((r) => r()) };
}

test('keytar is loaded on first use, not on construction; a module that fails to load means "unavailable", never a fallback', async () => {
  let loads = 0;
  const store = new KeytarSecretStore({
    platform: 'linux',
    loadKeytar: async () => {
      loads++;
      throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory');
    },
  });
  assert.equal(loads, 0);
  assert.equal(store.backend, 'OS keychain: Secret Service over D-Bus (keytar)');
  const expected =
    'The OS keychain module (keytar) could not be loaded: libsecret-1.so.0: cannot open shared object file: No such file or directory. Photon will not store secrets in plain text.';
  assert.deepEqual(await store.status(), { available: false, reason: expected });
  const err = await rejection(store.put('ssh-password', SECRET_BYTES, 'x'));
  assert.ok(err instanceof KeychainUnavailableError);
  assert.equal(err.code, 'keychain-unavailable');
  assert.equal(err.message, expected);
  for (const op of [store.has(newSecretRef()), store.describe(newSecretRef()), store.delete(newSecretRef()), store.reveal(newSecretRef()), store.replace(newSecretRef(), 'v')]) {
    assert.ok((await rejection(op)) instanceof KeychainUnavailableError);
  }
  assert.equal(loads, 1, 'the failed load is remembered, not retried on every call');
  assert.equal(keychainMechanism('darwin'), 'macOS Keychain');
  assert.equal(keychainMechanism('win32'), 'Windows Credential Manager');
});

test('the probe is a real round trip that leaves nothing behind; concurrent status() calls share one probe', async () => {
  const fake = fakeKeytar();
  const store = new KeytarSecretStore({ loadKeytar: async () => fake.keytar });
  const [a, b] = await Promise.all([store.status(), store.status()]);
  assert.deepEqual([a, b], [{ available: true }, { available: true }]);
  assert.deepEqual(fake.calls, ['set', 'get', 'delete']);
  assert.equal(fake.entries.size, 0);
  await roundTrip(store);
  // One probe, then straight to work.
  assert.equal(fake.calls.filter((c) => c === 'set').length, 1 + 2);
});

test('a keychain that never answers: status() gives up at the timeout, and later calls fail fast instead of piling up', async () => {
  const fake = fakeKeytar();
  fake.state.hang = true;
  const store = new KeytarSecretStore({ loadKeytar: async () => fake.keytar, probeTimeoutMs: 200, operationTimeoutMs: 200 });
  const t0 = performance.now();
  const status = await store.status();
  const elapsed = performance.now() - t0;
  assert.ok(elapsed >= 190 && elapsed < 1_000, `probe took ${elapsed} ms`);
  assert.deepEqual(status, {
    available: false,
    reason: 'No OS keychain is reachable (Secret Service over D-Bus): it did not answer within 0.2 s. Photon will not store secrets in plain text.',
  });
  const t1 = performance.now();
  const err = await rejection(store.put('api-token', SECRET_BYTES, 'x'));
  assert.ok(performance.now() - t1 < 100, 'no second wait while the first call is still stuck');
  assert.ok(err instanceof KeychainUnavailableError);
  assert.match(err.message, /a request made [\d.]+ s ago has still not been answered/);
  assert.ok(!err.message.includes(SECRET_BYTES));
  assert.equal(fake.calls.length, 1, 'only the one stuck call reached keytar');

  // The stuck call finally returns (e.g. the user unlocked the keyring): the store recovers.
  fake.state.hang = false;
  fake.release();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(fake.entries.size, 0, 'the probe entry that landed late was removed');
  assert.deepEqual(await store.status(), { available: true });
  const ref = await store.put('api-token', SECRET_BYTES, 'x');
  assert.equal(await store.reveal(ref), SECRET_BYTES);
});

test('an operation that times out after a good probe reports the keychain unavailable', async () => {
  const fake = fakeKeytar();
  const store = new KeytarSecretStore({ loadKeytar: async () => fake.keytar, operationTimeoutMs: 150 });
  assert.deepEqual(await store.status(), { available: true });
  fake.state.hang = true;
  const err = await rejection(store.put('key-passphrase', SECRET_BYTES, 'x'));
  assert.ok(err instanceof KeychainUnavailableError);
  assert.equal(err.message, 'No OS keychain is reachable (Secret Service over D-Bus): it did not answer within 0.15 s. Photon will not store secrets in plain text.');
  // The store lands after all: the caller has no ref to it, so the store deletes it again.
  fake.state.hang = false;
  fake.release();
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual([...fake.entries.keys()], []);
  assert.deepEqual(fake.calls.slice(-2), ['set', 'delete']);
});

test('keychain failures become typed errors, with anything the keychain echoed of the secret redacted', async () => {
  const fake = fakeKeytar();
  const store = new KeytarSecretStore({ loadKeytar: async () => fake.keytar });
  assert.deepEqual(await store.status(), { available: true });

  // The keychain dies: the re-probe fails too, so it is "unavailable".
  fake.state.fail = `Could not connect: Connection refused (while storing ${SECRET_BYTES})`;
  const down = await rejection(store.put('ssh-password', SECRET_BYTES, 'x'));
  assert.ok(down instanceof KeychainUnavailableError, String(down));
  assert.equal(down.message, 'No OS keychain is reachable (Secret Service over D-Bus): Could not connect: Connection refused (while storing [redacted]). Photon will not store secrets in plain text.');
  assert.equal(fake.entries.size, 0);

  // One operation fails but the keychain still works: a KeychainError, value redacted.
  fake.state.fail = null;
  const realSet = fake.keytar.setPassword;
  fake.keytar.setPassword = async (s, a, p) => {
    if (!a.startsWith('probe:')) throw new Error(`refused to store "${p}"`);
    return realSet(s, a, p);
  };
  const failed = await rejection(store.put('ssh-password', SECRET_BYTES, 'x'));
  assert.ok(failed instanceof KeychainError, String(failed));
  assert.equal(failed.code, 'keychain-failed');
  assert.match(failed.message, /^The OS keychain could not store the secret: refused to store "photon-console secret v1\nkind: ssh-password\nlabel: x\n\n\[redacted\]"\.$/);
  assert.ok(!failed.message.includes(SECRET_BYTES));
  fake.keytar.setPassword = realSet;

  // An entry someone rewrote by hand in Seahorse: reported, content not quoted.
  const ref = await store.put('ssh-password', 'original', 'x');
  fake.entries.set(`photon-console/${ref}`, SECRET_BYTES);
  const foreign = await rejection(store.reveal(ref));
  assert.ok(foreign instanceof KeychainError);
  assert.match(foreign.message, new RegExp(`^The keychain entry photon-console/${ref} is not in Photon's format`));
  assert.ok(!foreign.message.includes(SECRET_BYTES));
  assert.equal(await store.has(ref), true);
});

test('replace checks the value against the kind on record and keeps kind and label', async () => {
  const fake = fakeKeytar();
  const store = new KeytarSecretStore({ loadKeytar: async () => fake.keytar });
  const ref = await store.put('webhook-url', 'https://hooks.example.com/a', 'alerts webhook');
  const err = await rejection(store.replace(ref, 'not a url'));
  assert.ok(err instanceof InvalidSecretError);
  assert.equal(err.message, 'The webhook URL must be an absolute http:// or https:// URL.');
  assert.match((await rejection(store.replace(ref, ''))).message, /^The new value is empty\.$/);
  await store.replace(ref, 'https://hooks.example.com/b');
  assert.equal(await store.reveal(ref), 'https://hooks.example.com/b');
  assert.deepEqual(await store.describe(ref), { ref, kind: 'webhook-url', label: 'alerts webhook' });
});

// ---------------------------------------------------------------------------------------------
// Guards: who may use what

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

test('production code never uses the memory store, and only main/secrets talks to keytar', () => {
  const offenders: string[] = [];
  for (const file of [...sourceFiles(path.join(root, 'main')), ...sourceFiles(path.join(root, 'preload')), ...sourceFiles(path.join(root, 'renderer'))]) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    if (rel !== 'main/secrets/memory-secret-store.ts' && /memory-secret-store|MemorySecretStore/.test(text)) offenders.push(`${rel} uses the test-only memory store`);
    if (rel !== 'main/secrets/keytar-secret-store.ts' && /from ['"]keytar['"]|import\(['"]keytar['"]\)|require\(['"]keytar['"]\)/.test(text)) {
      offenders.push(`${rel} imports keytar directly`);
    }
  }
  assert.deepEqual(offenders, []);
});
