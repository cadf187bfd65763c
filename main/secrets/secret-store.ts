import { randomUUID } from 'node:crypto';

/**
 * The credentials vault: SSH passwords, key passphrases, API tokens and webhook URLs live in the OS
 * keychain, and everything else in Photon (SQLite rows, settings, logs, exports, IPC to the renderer)
 * holds only an opaque {@link SecretRef}.
 *
 * Two views of one store:
 * - {@link SecretAdmin} is everything the UI may ask for: set (put), replace, test (status, has,
 *   describe) and delete. Nothing in it returns a secret value. The contract/bridge layer must be
 *   typed against this interface, never against {@link SecretStore}.
 * - {@link SecretStore} adds {@link SecretStore.reveal}, for main-process code that must hand a value
 *   to a library (a passphrase to ssh2, a token to an HTTP client). It is never exposed across the
 *   preload bridge, never logged, never returned from an API handler.
 *
 * No implementation ever falls back to plain text: when the keychain is unreachable, status() says so
 * in a sentence a person can act on and every other method throws {@link KeychainUnavailableError}.
 */

/** `secret:<uuid v4>`. Opaque: it says nothing about the secret, its kind or its owner. */
export type SecretRef = string & { readonly __brand: 'SecretRef' };

export const SECRET_KINDS = ['ssh-password', 'key-passphrase', 'api-token', 'webhook-url'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/**
 * Largest value, in UTF-8 bytes. Windows Credential Manager caps a credential blob at 2560 bytes
 * (CRED_MAX_CREDENTIAL_BLOB_SIZE) and the keychain entry also carries a small header (kind, label),
 * so values are held to 2048 bytes on every platform: a secret that fits on Linux fits everywhere.
 */
export const MAX_SECRET_BYTES = 2048;
/** Longest label, in characters (UTF-16 code units). */
export const MAX_LABEL_LENGTH = 100;

export type SecretStatus = { available: true } | { available: false; reason: string };

/** What may be shown about a secret: never its value. Safe to send to the renderer. */
export interface SecretInfo {
  ref: SecretRef;
  kind: SecretKind;
  label: string;
}

/** The UI-safe half of the vault: nothing here returns a secret value. */
export interface SecretAdmin {
  /** Where secrets are kept, in words for the Settings view, e.g. "OS keychain: Secret Service over D-Bus (keytar)". */
  readonly backend: string;
  /**
   * Whether secrets can be stored right now, found by a real round trip to the keychain (bounded by
   * a timeout). `reason` is a plain sentence for the UI. Never throws.
   */
  status(): Promise<SecretStatus>;
  /**
   * Stores a new secret and returns its reference. `label` is NOT secret (it is shown in the UI and
   * in the OS keychain entry), e.g. "password for deploy@prod-vm". Throws InvalidSecretError for a bad
   * kind, value or label, KeychainUnavailableError when there is no keychain.
   */
  put(kind: SecretKind, value: string, label: string): Promise<SecretRef>;
  /** New value for an existing secret; kind and label stay. Throws SecretNotFoundError if it is gone. */
  replace(ref: SecretRef, value: string): Promise<void>;
  /** Whether the keychain still holds the secret (the UI's "test"). */
  has(ref: SecretRef): Promise<boolean>;
  /** Kind and label of a stored secret, null if it is gone. Never the value. */
  describe(ref: SecretRef): Promise<SecretInfo | null>;
  /** Removes the secret; false if there was nothing to remove. */
  delete(ref: SecretRef): Promise<boolean>;
}

/** The whole vault, for the main process only. */
export interface SecretStore extends SecretAdmin {
  /**
   * The secret value, or null if it is gone. MAIN PROCESS ONLY: for handing a password or
   * passphrase to ssh2, a token to an HTTP client. Never expose it over IPC/HTTP, never log it, never
   * store it, and keep the value in scope only as long as the call that needs it.
   */
  reveal(ref: SecretRef): Promise<string | null>;
}

// ---------------------------------------------------------------------------------------------
// Errors. Messages may name a ref, a kind, a label or a length, but never contain a secret value.

export type SecretErrorCode = 'keychain-unavailable' | 'keychain-failed' | 'invalid-secret' | 'invalid-ref' | 'not-found';

export abstract class SecretStoreError extends Error {
  abstract readonly code: SecretErrorCode;
}

/** No keychain is reachable (or it stopped answering). Nothing was stored, in the keychain or elsewhere. */
export class KeychainUnavailableError extends SecretStoreError {
  readonly code = 'keychain-unavailable';
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'KeychainUnavailableError';
  }
}

/** The keychain is there but refused or failed one operation (e.g. a locked collection). */
export class KeychainError extends SecretStoreError {
  readonly code = 'keychain-failed';
  constructor(message: string) {
    super(message);
    this.name = 'KeychainError';
  }
}

/** A kind, value or label that is not accepted. The message says why without quoting the value. */
export class InvalidSecretError extends SecretStoreError {
  readonly code = 'invalid-secret';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSecretError';
  }
}

export class InvalidSecretRefError extends SecretStoreError {
  readonly code = 'invalid-ref';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSecretRefError';
  }
}

export class SecretNotFoundError extends SecretStoreError {
  readonly code = 'not-found';
  constructor(readonly ref: SecretRef) {
    super(`No stored secret ${ref}: it was deleted (or removed from the OS keychain). Set it again.`);
    this.name = 'SecretNotFoundError';
  }
}

// ---------------------------------------------------------------------------------------------
// References.

const REF_PATTERN = /^secret:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function newSecretRef(): SecretRef {
  return `secret:${randomUUID()}` as SecretRef;
}

export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'string' && REF_PATTERN.test(value);
}

/** For refs that arrive from outside (IPC, SQLite, photon.yml): checks the shape, throws InvalidSecretRefError. */
export function parseSecretRef(value: unknown): SecretRef {
  if (isSecretRef(value)) return value;
  const shown = typeof value === 'string' ? (value.length > 60 ? `a ${value.length}-character string` : JSON.stringify(value)) : typeof value;
  throw new InvalidSecretRefError(`Not a secret reference (expected "secret:<uuid>"): ${shown}.`);
}

// ---------------------------------------------------------------------------------------------
// Validation, shared by every implementation so they accept and reject exactly the same input.

export function isSecretKind(value: unknown): value is SecretKind {
  return typeof value === 'string' && (SECRET_KINDS as readonly string[]).includes(value);
}

export function assertSecretKind(kind: unknown): asserts kind is SecretKind {
  if (!isSecretKind(kind)) {
    const shown = typeof kind === 'string' && kind.length <= 40 ? JSON.stringify(kind) : typeof kind;
    throw new InvalidSecretError(`Unknown secret kind ${shown}; expected one of ${SECRET_KINDS.join(', ')}.`);
  }
}

const NAMES: Record<SecretKind, string> = {
  'ssh-password': 'SSH password',
  'key-passphrase': 'key passphrase',
  'api-token': 'API token',
  'webhook-url': 'webhook URL',
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Checks a value for its kind; throws InvalidSecretError naming what is wrong (and where, by
 * position) but never quoting the value. Passwords and passphrases may contain anything but NUL
 * (the keychain APIs are C strings); tokens and URLs go into HTTP requests, so they may not contain
 * control characters or surrounding whitespace, and a webhook URL must be an absolute http(s) URL.
 */
export function validateSecretValue(kind: SecretKind, value: unknown): asserts value is string {
  assertSecretKind(kind);
  const name = NAMES[kind];
  validateSecretText(value, `The ${name}`);
  if (kind === 'api-token' || kind === 'webhook-url') {
    const control = value.search(CONTROL);
    if (control !== -1) {
      throw new InvalidSecretError(`The ${name} contains a control character such as a line break (at position ${control + 1}); paste it again without it.`);
    }
    if (value.trim() !== value) throw new InvalidSecretError(`The ${name} starts or ends with a space; paste it again without it.`);
  }
  if (kind === 'webhook-url') {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // Reported below: the parser's message could quote the input.
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
      throw new InvalidSecretError('The webhook URL must be an absolute http:// or https:// URL.');
    }
  }
}

/** The checks every kind shares: text, non-empty, no NUL, well-formed Unicode, at most MAX_SECRET_BYTES. */
export function validateSecretText(value: unknown, subject = 'The secret'): asserts value is string {
  if (typeof value !== 'string') throw new InvalidSecretError(`${subject} must be text, not ${value === null ? 'null' : typeof value}.`);
  if (value.length === 0) throw new InvalidSecretError(`${subject} is empty.`);
  const nul = value.indexOf('\0');
  if (nul !== -1) throw new InvalidSecretError(`${subject} contains a NUL character (at position ${nul + 1}); the OS keychain cannot store it.`);
  if (LONE_SURROGATE.test(value)) throw new InvalidSecretError(`${subject} is not valid Unicode text (it contains an unpaired surrogate).`);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_SECRET_BYTES) throw new InvalidSecretError(`${subject} is ${bytes} bytes long; the limit is ${MAX_SECRET_BYTES} bytes (UTF-8).`);
}

/** A label is not secret but is stored with the secret: short, one line, no control characters. */
export function validateLabel(label: unknown): asserts label is string {
  if (typeof label !== 'string') throw new InvalidSecretError(`The label must be text, not ${label === null ? 'null' : typeof label}.`);
  if (label.trim().length === 0) throw new InvalidSecretError('The label is empty; say what the secret is for, e.g. "password for deploy@prod-vm".');
  if (label.length > MAX_LABEL_LENGTH) throw new InvalidSecretError(`The label is ${label.length} characters long; the limit is ${MAX_LABEL_LENGTH}.`);
  if (CONTROL.test(label) || LONE_SURROGATE.test(label)) throw new InvalidSecretError('The label must be one line of text without control characters.');
}
