import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before } from 'node:test';
import { connect, type ConnectOptions, type SshConnection } from '../../main/ssh/connect.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';

/** Logs in to a test sshd as root with its authorized client key, its ed25519 host key pinned, 5 s to connect. */
export function loginTo(sshd: TestSshd): ConnectOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    privateKeyPath: sshd.clientKeyPath,
    expectedHostKey: sshd.hostKeyFingerprint,
    timeoutMs: 5_000,
  };
}

export interface SshdSession {
  sshd: TestSshd;
  conn: SshConnection;
}

/**
 * One test sshd and one connection to it (see loginTo) for the tests of the calling file: both open
 * in its before() and close in its after(), so the fields are set only once tests run.
 */
export function sshdSession(): SshdSession {
  const session = {} as Partial<SshdSession>;
  before(async () => {
    session.sshd = await startSshd();
    session.conn = await connect(loginTo(session.sshd));
  });
  after(async () => {
    await session.conn?.close();
    await session.sshd?.stop();
  });
  return session as SshdSession;
}

/** The error `p` rejects with; fails the test if it resolves or rejects with a non-Error. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Error);
    return err;
  }
  assert.fail('expected a rejection');
}

export interface SilentServer {
  port: number;
  openSockets(): number;
  close(): Promise<void>;
}

/** Accepts TCP connections on 127.0.0.1 and never sends a byte: a hung or non-SSH service. */
export async function silentServer(): Promise<SilentServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    // Read and drop the client's banner: only a reading socket notices the client hanging up.
    s.resume();
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** TCP sockets this process holds open (client and server side), from Node's own resource list. */
export function tcpSocketCount(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Tools a "bare" remote host offers: enough for the scripts, but no systemctl and no sqlite3. */
export const BARE_TOOLS = ['sh', 'bash', 'cat', 'df', 'head', 'tr', 'getconf', 'timeout', 'sleep', 'printf', 'echo', 'id'];

/** A fake systemctl that logs its arguments one per [..] and answers from a fixed table. */
export function fakeSystemctl(argsLog: string): string {
  return [
    '#!/bin/sh',
    `printf '[%s]' "$@" >> '${argsLog}'; echo >> '${argsLog}'`,
    '[ "$1" = is-active ] && [ "$2" = -- ] || { echo "usage: $*" >&2; exit 2; }',
    'case "$3" in',
    '  photon-ok.service|photon-ok) echo active ;;',
    '  photon-failed.service) echo failed; exit 3 ;;',
    '  *) echo inactive; exit 3 ;;',
    'esac',
    '',
  ].join('\n');
}
