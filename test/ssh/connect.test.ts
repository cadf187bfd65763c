import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { connect, probeHostKey, type ConnectOptions } from '../../main/ssh/connect.ts';
import { AbortedError, AuthError, ConnectError, HostKeyMismatchError, HostKeyUnknownError, TimeoutError } from '../../main/ssh/errors.ts';
import { runCommand } from '../../main/ssh/run-command.ts';
import { startAgent, startSshd, type TestAgent, type TestSshd } from '../helpers/sshd.ts';
import { loginTo, rejection, silentServer, tcpSocketCount, waitUntil, type SilentServer } from './ssh-test-utils.ts';

let sshd: TestSshd;
let silent: SilentServer;
let agent: TestAgent;

before(async () => {
  sshd = await startSshd();
  silent = await silentServer();
  agent = await startAgent(sshd.dir, [sshd.agentKeyPath]);
});
after(async () => {
  await agent?.stop();
  await silent?.close();
  await sshd?.stop();
});

const base = (): ConnectOptions => loginTo(sshd);

test('with the pinned host key the connection authenticates and a command runs', async () => {
  const conn = await connect(base());
  try {
    assert.equal(conn.hostKey.fingerprint, sshd.hostKeyFingerprint);
    assert.equal(conn.hostKey.keyType, 'ssh-ed25519');
    assert.ok(conn.connectMs > 0 && conn.connectMs < 5_000);
    const r = await runCommand(conn, ['sh', '-c', 'echo hello; echo oops >&2; exit 3']);
    assert.deepEqual([r.exitCode, r.stdout, r.stderr], [3, 'hello\n', 'oops\n']);
  } finally {
    await conn.close();
  }
  assert.equal(conn.isClosed(), true);
});

test('a different pinned key is refused before authenticating, naming both fingerprints', async () => {
  const pinned = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';
  const logBefore = sshd.log().length;
  const err = await rejection(connect({ ...base(), expectedHostKey: pinned }));
  assert.ok(err instanceof HostKeyMismatchError, String(err));
  assert.equal(err.pinned, pinned);
  assert.equal(err.offered.fingerprint, sshd.hostKeyFingerprint);
  assert.equal(
    err.message,
    `Host key for ${sshd.host}:${sshd.port} changed: pinned ${pinned}, offered ${sshd.hostKeyFingerprint} (ssh-ed25519). If the host was rebuilt on purpose, re-pin it.`,
  );
  // No credential reached the impostor: sshd saw no authentication attempt at all.
  await new Promise((r) => setTimeout(r, 100));
  assert.doesNotMatch(sshd.log().slice(logBefore), /Accepted|Failed publickey|Invalid user/);
});

test('pinning the fingerprint of another key type of the same host is a mismatch (ssh2 negotiates ed25519)', async () => {
  const err = await rejection(connect({ ...base(), expectedHostKey: sshd.rsaHostKeyFingerprint }));
  assert.ok(err instanceof HostKeyMismatchError);
  assert.match(err.message, /offered SHA256:\S+ \(ssh-ed25519\)/);
});

test('without a pin the host is refused as unknown, offering its fingerprint; a confirming callback accepts it', async () => {
  const err = await rejection(connect({ ...base(), expectedHostKey: null }));
  assert.ok(err instanceof HostKeyUnknownError);
  assert.equal(err.offered.fingerprint, sshd.hostKeyFingerprint);

  const seen: string[] = [];
  const conn = await connect({
    ...base(),
    expectedHostKey: null,
    onUnknownHostKey: async (offered) => {
      seen.push(offered.fingerprint);
      return true;
    },
  });
  await conn.close();
  assert.deepEqual(seen, [sshd.hostKeyFingerprint]);

  const declined = await rejection(connect({ ...base(), expectedHostKey: null, onUnknownHostKey: () => false }));
  assert.ok(declined instanceof HostKeyUnknownError);
});

test('probeHostKey returns the offered fingerprint without authenticating', async () => {
  const offered = await probeHostKey(sshd.host, sshd.port, 5_000);
  assert.deepEqual(offered, { fingerprint: sshd.hostKeyFingerprint, keyType: 'ssh-ed25519' });
});

test('after the host keys are regenerated the old pin is refused, and the probe shows the new key', async () => {
  const oldPin = sshd.hostKeyFingerprint;
  await sshd.regenerateHostKey();
  assert.notEqual(sshd.hostKeyFingerprint, oldPin);
  const err = await rejection(connect({ ...base(), expectedHostKey: oldPin }));
  assert.ok(err instanceof HostKeyMismatchError);
  assert.ok(err.message.includes(oldPin) && err.message.includes(sshd.hostKeyFingerprint), err.message);
  assert.equal((await probeHostKey(sshd.host, sshd.port, 5_000)).fingerprint, sshd.hostKeyFingerprint);
  const conn = await connect(base());
  await conn.close();
});

test('an unknown user, an unauthorized key and unusable key files are AuthErrors that say what is wrong', async () => {
  const noUser = await rejection(connect({ ...base(), user: 'photon-no-such-user' }));
  assert.ok(noUser instanceof AuthError, String(noUser));
  assert.match(noUser.message, /SSH authentication failed for photon-no-such-user@127\.0\.0\.1:\d+: the server accepted none of publickey/);

  const stranger = await rejection(connect({ ...base(), privateKeyPath: sshd.strangerKeyPath }));
  assert.ok(stranger instanceof AuthError);
  assert.ok(stranger.message.includes(sshd.strangerKeyPath));

  const missing = path.join(sshd.dir, 'no-such-key');
  const noFile = await rejection(connect({ ...base(), privateKeyPath: missing }));
  assert.ok(noFile instanceof AuthError);
  assert.equal(noFile.message, `private key ${missing} does not exist`);

  const garbage = path.join(sshd.dir, 'garbage-key');
  fs.writeFileSync(garbage, '-----BEGIN OPENSSH PRIVATE KEY-----\nnot base64 at all!\n-----END OPENSSH PRIVATE KEY-----\n');
  const bad = await rejection(connect({ ...base(), privateKeyPath: garbage }));
  assert.ok(bad instanceof AuthError, String(bad));
  assert.match(bad.message, /^cannot use private key .*garbage-key/);

  const dir = await rejection(connect({ ...base(), privateKeyPath: sshd.dir }));
  assert.ok(dir instanceof AuthError);
  assert.match(dir.message, /is not a file/);

  const none = await rejection(connect({ ...base(), privateKeyPath: undefined }));
  assert.ok(none instanceof AuthError);
  assert.match(none.message, /no credentials/);
});

test('an encrypted key needs its passphrase, and the passphrase never appears in a message', async () => {
  const noPass = await rejection(connect({ ...base(), privateKeyPath: sshd.encryptedClientKeyPath }));
  assert.ok(noPass instanceof AuthError);
  assert.match(noPass.message, /is encrypted and no passphrase was given/);

  const wrong = 'not-the-passphrase-4711';
  const wrongErr = await rejection(connect({ ...base(), privateKeyPath: sshd.encryptedClientKeyPath, passphrase: wrong }));
  assert.ok(wrongErr instanceof AuthError, String(wrongErr));
  assert.ok(!wrongErr.message.includes(wrong) && !String(wrongErr.stack).includes(wrong), wrongErr.message);

  const conn = await connect({ ...base(), privateKeyPath: sshd.encryptedClientKeyPath, passphrase: sshd.clientKeyPassphrase });
  const r = await runCommand(conn, ['echo', 'unlocked']);
  await conn.close();
  assert.equal(r.stdout, 'unlocked\n');

  // A wrong pin with a passphrase set: still no secret in the message.
  const pinErr = await rejection(
    connect({ ...base(), privateKeyPath: sshd.encryptedClientKeyPath, passphrase: sshd.clientKeyPassphrase, expectedHostKey: 'SHA256:' + 'A'.repeat(43) }),
  );
  assert.ok(!pinErr.message.includes(sshd.clientKeyPassphrase));
});

test('ssh-agent authentication works, and a missing agent is a clear AuthError', async () => {
  const conn = await connect({ ...base(), privateKeyPath: undefined, useAgent: true, agentSocket: agent.socket });
  const r = await runCommand(conn, ['echo', 'via agent']);
  await conn.close();
  assert.equal(r.stdout, 'via agent\n');

  const saved = process.env.SSH_AUTH_SOCK;
  delete process.env.SSH_AUTH_SOCK;
  try {
    const err = await rejection(connect({ ...base(), privateKeyPath: undefined, useAgent: true }));
    assert.ok(err instanceof AuthError);
    assert.match(err.message, /SSH_AUTH_SOCK is not set/);
  } finally {
    if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
  }

  const deadAgent = await rejection(connect({ ...base(), privateKeyPath: undefined, useAgent: true, agentSocket: path.join(sshd.dir, 'no-agent.sock') }));
  assert.ok(deadAgent instanceof AuthError, String(deadAgent));
});

test('a server that accepts TCP but never speaks SSH times out, naming the phase', async () => {
  const started = performance.now();
  const err = await rejection(connect({ ...base(), port: silent.port, timeoutMs: 400 }));
  const elapsed = performance.now() - started;
  assert.ok(err instanceof TimeoutError, String(err));
  assert.equal(err.message, `SSH to 127.0.0.1:${silent.port} timed out after 400 ms (TCP connected, SSH handshake not completed)`);
  assert.ok(elapsed >= 390 && elapsed < 1_500, `took ${elapsed} ms`);
  await waitUntil('the silent server sees the connection closed', () => silent.openSockets() === 0);
});

test('a refused port is a ConnectError naming the address', async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
  const err = await rejection(connect({ ...base(), port: closedPort }));
  assert.ok(err instanceof ConnectError, String(err));
  assert.match(err.message, new RegExp(`cannot connect to 127\\.0\\.0\\.1:${closedPort}: connect ECONNREFUSED`));
});

test('abort during the handshake stops at once and leaves no socket open', async () => {
  // Earlier tests' sockets must all be gone too (a failed connect closes asynchronously).
  await waitUntil('no TCP socket is left from earlier tests', () => tcpSocketCount() === 0);
  const controller = new AbortController();
  const pending = connect({ ...base(), port: silent.port, timeoutMs: 10_000, signal: controller.signal });
  await waitUntil('the silent server has the connection', () => silent.openSockets() === 1);
  const abortedAt = performance.now();
  controller.abort();
  const err = await rejection(pending);
  assert.ok(performance.now() - abortedAt < 100, 'rejected promptly');
  assert.ok(err instanceof AbortedError, String(err));
  await waitUntil('every socket is closed', () => tcpSocketCount() === 0 && silent.openSockets() === 0);
});

test('a deadline signal (AbortSignal.timeout) is reported as a timeout with its phase', async () => {
  const err = await rejection(connect({ ...base(), port: silent.port, timeoutMs: 10_000, signal: AbortSignal.timeout(300) }));
  assert.ok(err instanceof TimeoutError, String(err));
  assert.match(err.message, /SSH handshake not completed/);
});

test('an already aborted signal never opens a socket', async () => {
  await waitUntil('no TCP socket is left from earlier tests', () => tcpSocketCount() === 0);
  const err = await rejection(connect({ ...base(), signal: AbortSignal.abort() }));
  assert.ok(err instanceof AbortedError);
  assert.equal(tcpSocketCount(), 0);
});
