import type { OfferedHostKey } from './host-key-fingerprint.ts';

/**
 * Why an SSH operation failed, as a type the caller can switch on rather than a message to parse.
 * Messages name host, port and user but never a passphrase or password.
 */
export type SshErrorKind = 'host-key-mismatch' | 'host-key-unknown' | 'auth' | 'timeout' | 'connect' | 'aborted';

export abstract class SshError extends Error {
  abstract readonly kind: SshErrorKind;
}

export class HostKeyMismatchError extends SshError {
  readonly kind = 'host-key-mismatch';
  constructor(
    readonly where: string,
    readonly pinned: string,
    readonly offered: OfferedHostKey,
  ) {
    super(
      `Host key for ${where} changed: pinned ${pinned}, offered ${offered.fingerprint} (${offered.keyType}). ` +
        'If the host was rebuilt on purpose, re-pin it.',
    );
    this.name = 'HostKeyMismatchError';
  }
}

/** No key is pinned yet: the caller shows `offered` to a person and pins it only once they confirm. */
export class HostKeyUnknownError extends SshError {
  readonly kind = 'host-key-unknown';
  constructor(
    readonly where: string,
    readonly offered: OfferedHostKey,
  ) {
    super(`Host key for ${where} is not pinned: it offered ${offered.fingerprint} (${offered.keyType}). Confirm it and pin it.`);
    this.name = 'HostKeyUnknownError';
  }
}

export class AuthError extends SshError {
  readonly kind = 'auth';
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

export class TimeoutError extends SshError {
  readonly kind = 'timeout';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Refused, unreachable, DNS failure, reset, or an SSH handshake that failed for a non-key reason. */
export class ConnectError extends SshError {
  readonly kind = 'connect';
  constructor(message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}

export class AbortedError extends SshError {
  readonly kind = 'aborted';
  constructor(message: string) {
    super(message);
    this.name = 'AbortedError';
  }
}

/** For messages built from third-party error text: removes any secret that might have been echoed. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/**
 * The error for an aborted signal. AbortSignal.timeout() and an engine's run deadline abort with a
 * "TimeoutError" reason; that is reported as a timeout, anything else as an abort.
 */
export function errorForAbort(signal: AbortSignal, what: string): SshError {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new TimeoutError(`${what} timed out`);
  return new AbortedError(`${what} was aborted`);
}
