import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../../main/ssh/connect.ts';
import { AbortedError, ConnectError, TimeoutError } from '../../main/ssh/errors.ts';
import { runCommand, runScript } from '../../main/ssh/run-command.ts';
import { loginTo, rejection, sshdSession, tcpSocketCount, waitUntil } from './ssh-test-utils.ts';

const ssh = sshdSession();
const open = () => connect(loginTo(ssh.sshd));

test('exit status, stdout and stderr are collected separately', async () => {
  const r = await runScript(ssh.conn, 'printf out; printf err >&2; exit 42');
  assert.deepEqual(
    { exitCode: r.exitCode, signal: r.signal, stdout: r.stdout, stderr: r.stderr, t: [r.stdoutTruncated, r.stderrTruncated] },
    { exitCode: 42, signal: null, stdout: 'out', stderr: 'err', t: [false, false] },
  );
});

test('a command killed by a signal reports the signal and no exit code', async () => {
  const r = await runScript(ssh.conn, 'kill -KILL $$');
  assert.equal(r.exitCode, null);
  assert.equal(r.signal, 'SIGKILL');
});

test('output beyond the cap is dropped and flagged, and the command still completes', async () => {
  // 1 MiB on stdout, 300 KiB on stderr; the cap is 256 KiB each by default.
  const r = await runScript(ssh.conn, 'head -c 1048576 /dev/zero | tr "\\0" a; head -c 307200 /dev/zero | tr "\\0" b >&2; exit 7');
  assert.equal(r.exitCode, 7);
  assert.equal(r.stdout.length, 256 * 1024);
  assert.equal(r.stderr.length, 256 * 1024);
  assert.ok(r.stdoutTruncated && r.stderrTruncated);
  const small = await runScript(ssh.conn, 'printf 0123456789', { maxBytes: 4 });
  assert.deepEqual([small.stdout, small.stdoutTruncated], ['0123', true]);
});

test('invalid UTF-8 from the host becomes U+FFFD rather than an exception', async () => {
  const r = await runScript(ssh.conn, "printf 'ok \\377\\376 end'");
  assert.equal(r.stdout, 'ok \uFFFD\uFFFD end');
});

test('stdin is at EOF, so a command that reads it does not hang', async () => {
  const r = await runScript(ssh.conn, 'cat; echo done', { timeoutMs: 3_000 });
  assert.equal(r.stdout, 'done\n');
});

test('a command that outlives its timeout is a TimeoutError, and the connection stays usable', async () => {
  const started = performance.now();
  const err = await rejection(runCommand(ssh.conn, ['sleep', '5'], { timeoutMs: 300 }));
  assert.ok(err instanceof TimeoutError, String(err));
  assert.match(err.message, /timed out after 300 ms/);
  assert.ok(performance.now() - started < 1_500);
  assert.equal((await runCommand(ssh.conn, ['echo', 'still here'])).stdout, 'still here\n');
});

test('abort stops waiting at once; closing the connection then leaves no socket', async () => {
  const own = await open();
  const controller = new AbortController();
  const pending = runCommand(own, ['sleep', '5'], { signal: controller.signal });
  await new Promise((r) => setTimeout(r, 200));
  const abortedAt = performance.now();
  controller.abort();
  const err = await rejection(pending);
  assert.ok(err instanceof AbortedError, String(err));
  assert.ok(performance.now() - abortedAt < 100, 'rejected promptly');
  const closing = performance.now();
  await own.close();
  assert.ok(performance.now() - closing < 1_500, 'closed within the grace period');
  assert.equal(own.isClosed(), true);
  // Only the shared connection of this file remains.
  await waitUntil('only the shared connection is open', () => tcpSocketCount() === 1);
});

test('the server dropping the connection mid-command is a ConnectError, and later commands fail fast', async () => {
  const own = await open();
  // Kill this session's own sshd process: the network connection dies under the running command.
  const err = await rejection(runScript(own, 'kill -TERM $PPID; sleep 5', { timeoutMs: 4_000 }));
  assert.ok(err instanceof ConnectError, String(err));
  await own.closed;
  const after = await rejection(runCommand(own, ['true']));
  assert.ok(after instanceof ConnectError);
  assert.match(after.message, /is closed/);
});
