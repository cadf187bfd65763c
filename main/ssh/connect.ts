import net from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { NodeSSH } from 'node-ssh';
import { describeHostKey, fingerprintsEqual, type OfferedHostKey } from './host-key-fingerprint.ts';
import {
  AuthError,
  ConnectError,
  errorForAbort,
  HostKeyMismatchError,
  HostKeyUnknownError,
  redact,
  SshError,
  TimeoutError,
} from './errors.ts';
import type { Ssh2Client, Ssh2ConnectConfig, Ssh2Error } from './ssh2-surface.ts';
import { CONFIG } from '../core/config.ts';
import { errorMessage } from '../core/error-message.ts';
import { FileReadError, readRegularText } from '../core/read-file-safely.ts';

export interface ConnectOptions {
  host: string;
  port: number;
  user: string;
  privateKeyPath?: string;
  /** For an encrypted private key. Never appears in an error message. */
  passphrase?: string;
  /** Authenticate with the ssh-agent at `agentSocket`, by default $SSH_AUTH_SOCK. */
  useAgent?: boolean;
  agentSocket?: string;
  /** Never appears in an error message. */
  password?: string;
  /** Pinned OpenSSH fingerprint ("SHA256:…"); null when nothing is pinned yet. */
  expectedHostKey: string | null;
  /**
   * The pinned key's type (e.g. "ssh-rsa"): the server is asked for that type only. Without it a
   * host that also holds an ed25519 key offers that one, and an RSA pin would read as a changed key.
   */
  expectedHostKeyType?: string;
  /**
   * Only consulted when `expectedHostKey` is null: true accepts the offered key for this connection.
   * Without it an unpinned host is refused with HostKeyUnknownError. The time spent here counts
   * against timeoutMs, so interactive callers should probe first and pin (probeHostKey) instead.
   */
  onUnknownHostKey?: (offered: OfferedHostKey) => boolean | Promise<boolean>;
  signal?: AbortSignal;
  /** Bounds TCP connect, handshake and authentication together. */
  timeoutMs: number;
}

export interface SshConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The host key the server proved it holds (it matched the pin, or was accepted). */
  readonly hostKey: OfferedHostKey;
  /** TCP connect + handshake + authentication, in ms. */
  readonly connectMs: number;
  /** For run-command.ts; other callers go through runCommand/runScript. */
  readonly client: Ssh2Client;
  /** True once the transport is gone, whoever closed it. */
  isClosed(): boolean;
  /** Resolves when the socket is closed. */
  readonly closed: Promise<void>;
  /** Polite disconnect, forced after a short grace period; resolves when the socket is gone. */
  close(): Promise<void>;
}

type Phase = 'tcp' | 'handshake' | 'auth';

interface EstablishOptions extends Omit<ConnectOptions, 'privateKeyPath'> {
  privateKey?: { path: string; text: string };
}

const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 3;

/** The signature algorithms that prove possession of a key of this type. */
export function hostKeyAlgorithms(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}
// Below the engine's 1 s hard-stop grace, so a check that was aborted still returns in time.
const CLOSE_GRACE_MS = 500;

/**
 * Opens an authenticated SSH connection whose host key matches the pin. The pin is checked inside
 * the key exchange (ssh2's hostVerifier), before any credential is sent to the server.
 */
export async function connect(options: ConnectOptions): Promise<SshConnection> {
  const where = hostPort(options.host, options.port);
  if (options.signal?.aborted) throw errorForAbort(options.signal, `SSH to ${where}`);
  const { privateKeyPath, ...rest } = options;
  const privateKey = privateKeyPath ? { path: privateKeyPath, text: await readPrivateKey(privateKeyPath) } : undefined;
  if (options.useAgent && !(options.agentSocket ?? process.env.SSH_AUTH_SOCK)) {
    throw new AuthError(`useAgent is set but SSH_AUTH_SOCK is not set for Photon, so there is no ssh-agent to ask`);
  }
  if (!privateKey && !options.useAgent && options.password === undefined) {
    throw new AuthError(`no credentials for ${options.user}@${where}: set privateKeyPath or useAgent`);
  }
  return establish({ ...rest, privateKey });
}

/**
 * The fingerprint a server offers, without authenticating: what a person compares with
 * `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host before pinning it. It is the key
 * connect() will later be offered (ssh2 prefers ed25519, then ecdsa, then rsa).
 */
export async function probeHostKey(host: string, port: number, timeoutMs: number, signal?: AbortSignal, keyType?: string): Promise<OfferedHostKey> {
  try {
    await establish({ host, port, user: 'photon-host-key-probe', expectedHostKey: null, timeoutMs, signal, ...(keyType && { expectedHostKeyType: keyType }) });
  } catch (err) {
    if (err instanceof HostKeyUnknownError) return err.offered;
    throw err;
  }
  throw new Error('probeHostKey: the handshake unexpectedly went past the host key check');
}

async function readPrivateKey(given: string): Promise<string> {
  // "~/.ssh/id_ed25519" is how people write key paths (and ~/.ssh/config does); no shell expands it here.
  const path = given === '~' || given.startsWith('~/') ? join(homedir(), given.slice(1)) : given;
  try {
    // Opened non-blocking and checked on the descriptor: a FIFO or a device named as a key must not hang or flood.
    return await readRegularText(path, { maxBytes: CONFIG.files.privateKeyBytes });
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.code === 'NOT_FOUND') throw new AuthError(`private key ${path} does not exist`);
    if (err.code === 'NOT_REGULAR_FILE') throw new AuthError(`private key ${path} is not a file (it is ${err.found ?? 'something else'})`);
    if (err.code === 'TOO_LARGE') throw new AuthError(`private key ${path} ${err.reason.replace('; not read', '')}, too large to be an SSH key`);
    if (/permission denied/.test(err.reason)) throw new AuthError(`private key ${path} is not readable by Photon (permission denied)`);
    throw new AuthError(`cannot read private key ${path}: ${err.reason}`);
  }
}

function establish(o: EstablishOptions): Promise<SshConnection> {
  const where = hostPort(o.host, o.port);
  const secrets = [o.passphrase, o.password];
  const started = performance.now();
  let phase: Phase = 'tcp';
  let accepted: OfferedHostKey | null = null;

  // The abort may have come while the key file was being read.
  if (o.signal?.aborted) return Promise.reject(errorForAbort(o.signal, `SSH to ${where}`));

  return new Promise<SshConnection>((resolve, reject) => {
    // Our own socket, so that an abort or timeout can always destroy the transport, in any phase.
    const socket = net.connect({ host: o.host, port: o.port });
    socket.setNoDelay(true);
    // ssh2 handles socket errors itself; this keeps one raised before it attaches from crashing.
    socket.on('error', () => {});
    socket.once('connect', () => (phase = 'handshake'));
    const ssh = new NodeSSH();
    let settled = false;

    const cleanup = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    const fail = (err: SshError) => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.destroy();
      reject(err);
    };
    const timedOut = () => new TimeoutError(`SSH to ${where} timed out after ${o.timeoutMs} ms ${PHASE_TEXT[phase]}`);
    const timer = setTimeout(() => fail(timedOut()), o.timeoutMs);
    // A caller's deadline signal (AbortSignal.timeout) gets the same phase-naming message as our timer.
    const onAbort = () => {
      const err = errorForAbort(o.signal!, `SSH to ${where}`);
      fail(err instanceof TimeoutError ? timedOut() : err);
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });

    const hostVerifier = (key: Buffer, verify: (accept: boolean) => void) => {
      const offered = describeHostKey(key);
      const decide = (accept: boolean, refusal: SshError) => {
        if (accept) {
          phase = 'auth';
          accepted = offered;
        }
        verify(accept);
        if (!accept) fail(refusal);
      };
      if (o.expectedHostKey !== null) {
        decide(fingerprintsEqual(o.expectedHostKey, offered.fingerprint), new HostKeyMismatchError(where, o.expectedHostKey, offered));
        return;
      }
      const unknown = new HostKeyUnknownError(where, offered);
      if (!o.onUnknownHostKey) return decide(false, unknown);
      Promise.resolve()
        .then(() => o.onUnknownHostKey!(offered))
        .then(
          (accept) => decide(accept === true, unknown),
          () => decide(false, unknown),
        );
    };

    const config: Ssh2ConnectConfig = {
      sock: socket,
      username: o.user,
      privateKey: o.privateKey?.text,
      passphrase: o.passphrase,
      agent: o.useAgent ? (o.agentSocket ?? process.env.SSH_AUTH_SOCK) : undefined,
      password: o.password,
      hostVerifier,
      // ssh2's own handshake timer, as a backstop to ours; both are reported as TimeoutError.
      readyTimeout: o.timeoutMs,
      tryKeyboard: false,
      keepaliveInterval: KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      ...(o.expectedHostKeyType && { algorithms: { serverHostKey: hostKeyAlgorithms(o.expectedHostKeyType) } }),
    };
    const pending = ssh.connect(config);
    // After 'ready' node-ssh drops its error listener, and an unheard 'error' would crash the
    // process; ssh2 reports later failures to pending channels anyway, so this one only listens.
    const client = ssh.connection as unknown as Ssh2Client | null;
    client?.on('error', () => {});
    pending.then(
      () => {
        if (settled || !client || !accepted) {
          socket.destroy();
          if (!settled) fail(new ConnectError(`SSH to ${where}: connection state lost after the handshake`));
          return;
        }
        settled = true;
        cleanup();
        resolve(wrap(o, client, socket, accepted, performance.now() - started));
      },
      (err: unknown) => fail(mapError(err, o, where, phase, secrets)),
    );
  });
}

const PHASE_TEXT: Record<Phase, string> = {
  tcp: '(no TCP connection)',
  handshake: '(TCP connected, SSH handshake not completed)',
  auth: '(host key verified, authentication not completed)',
};

function mapError(err: unknown, o: EstablishOptions, where: string, phase: Phase, secrets: Array<string | undefined>): SshError {
  const e = (err instanceof Error ? err : new Error(String(err))) as Ssh2Error;
  const message = redact(errorText(e), secrets).slice(0, 300);
  const login = `${o.user}@${where}`;
  if (e.level === 'client-authentication') {
    const tried = [o.privateKey && `publickey (${o.privateKey.path})`, o.useAgent && 'ssh-agent', o.password !== undefined && 'password'].filter(Boolean);
    return new AuthError(`SSH authentication failed for ${login}: the server accepted none of ${tried.join(', ')}`);
  }
  if (e.level === 'agent') return new AuthError(`SSH authentication for ${login}: the ssh-agent could not be used: ${message}`);
  if (e.level === 'client-timeout') return new TimeoutError(`SSH to ${where} timed out after ${o.timeoutMs} ms ${PHASE_TEXT[phase]}`);
  if (e.level === 'client-socket' || e.level === 'client-dns') return new ConnectError(`cannot connect to ${where}: ${message}`);
  // ssh2 parses the key synchronously inside connect(); those errors carry no level.
  if (o.privateKey && e.level === undefined && /private ?key|passphrase|decrypt/i.test(e.message)) {
    if (/no passphrase given/i.test(e.message)) return new AuthError(`private key ${o.privateKey.path} is encrypted and no passphrase was given`);
    if (/decrypt|bad passphrase/i.test(e.message)) return new AuthError(`cannot decrypt private key ${o.privateKey.path}: wrong passphrase?`);
    return new AuthError(`cannot use private key ${o.privateKey.path}: ${message}`);
  }
  if (/No response from server/.test(e.message)) {
    return new ConnectError(`${where} closed the connection ${phase === 'tcp' ? 'before it was established' : `during the SSH ${phase === 'auth' ? 'authentication' : 'handshake'}`}`);
  }
  return new ConnectError(`SSH to ${where} failed: ${message}`);
}

/**
 * Node 20 connects with "happy eyeballs": when every address of a name fails, the AggregateError
 * has an empty message and the per-address reasons in `errors`.
 */
function errorText(e: Error): string {
  if (e instanceof AggregateError && e.errors.length > 0) {
    return [...new Set(e.errors.map((x: unknown) => errorMessage(x)))].join('; ');
  }
  return e.message || e.name;
}

export function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

function wrap(o: EstablishOptions, client: Ssh2Client, socket: net.Socket, hostKey: OfferedHostKey, connectMs: number): SshConnection {
  const closed = new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
  return {
    host: o.host,
    port: o.port,
    user: o.user,
    hostKey,
    connectMs: Math.round(connectMs),
    client,
    isClosed: () => socket.destroyed,
    closed,
    async close() {
      if (socket.destroyed) return;
      client.end();
      const force = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(force);
    },
  };
}
