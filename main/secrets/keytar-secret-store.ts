import { randomUUID } from 'node:crypto';
import {
  KeychainError,
  KeychainUnavailableError,
  SecretNotFoundError,
  isSecretKind,
  newSecretRef,
  parseSecretRef,
  validateLabel,
  validateSecretText,
  validateSecretValue,
  type SecretInfo,
  type SecretKind,
  type SecretRef,
  type SecretStatus,
  type SecretStore,
} from './secret-store.ts';
import { errorMessage } from '../core/error-message.ts';

/**
 * The production vault: the OS keychain through keytar (libsecret → Secret Service over D-Bus on
 * Linux, Keychain on macOS, Credential Manager on Windows). One keychain entry per secret, service
 * `photon-console`, account = the SecretRef. See secret-store.ts for the contract.
 *
 * - keytar is imported lazily, on first use: a missing native module or libsecret is reported by
 *   status() instead of breaking startup.
 * - Availability is decided by a real round trip (store, read back, delete a random probe entry),
 *   bounded by a timer: libsecret can block forever on a D-Bus socket that accepts but never answers,
 *   and a locked keyring can wait for a prompt nobody sees.
 * - Unavailable means unavailable: every method but status() throws KeychainUnavailableError. There is
 *   no plain-text (or any other) fallback.
 * - A keytar call that timed out keeps running on a libuv worker thread (it cannot be cancelled). While
 *   one is outstanding the store reports the keychain unavailable rather than piling up more stuck calls.
 *   Such a thread also blocks process.exit(): Node's exit handler joins the libuv threadpool
 *   (uv__threadpool_cleanup → pthread_join), so the process hangs at exit for as long as libsecret does
 *   (forever, on a bus that never answers). Shutdown code should check {@link KeytarSecretStore.stuckCalls}
 *   and, when it is not 0, end the process with a signal (process.kill(process.pid, 'SIGKILL')) once
 *   everything else is flushed. test/secrets/keytar-secret-store.test.ts demonstrates both.
 */

/** The part of keytar this store uses; tests substitute fakes for the failure paths. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests may isolate themselves with another. Default `photon-console`. */
  service?: string;
  /** Bound on the whole availability probe (three keychain calls). Default 5 s. */
  probeTimeoutMs?: number;
  /** Bound on each put/replace/has/describe/delete/reveal call. Default 15 s. */
  operationTimeoutMs?: number;
  /** How keytar is loaded; default a dynamic import of the `keytar` package. */
  loadKeytar?: () => Promise<KeytarLike>;
  platform?: NodeJS.Platform;
}

export const KEYCHAIN_SERVICE = 'photon-console';
const PROBE_PREFIX = 'probe:';
const NO_PLAIN_TEXT = 'Photon will not store secrets in plain text.';

/** Which OS facility keytar talks to on a platform, in words. */
export function keychainMechanism(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service over D-Bus';
}

export async function importKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as unknown as Partial<KeytarLike> & { default?: KeytarLike };
  const api = mod.default ?? (mod as KeytarLike);
  if (typeof api.getPassword !== 'function' || typeof api.setPassword !== 'function' || typeof api.deletePassword !== 'function') {
    throw new Error('the keytar module does not export getPassword/setPassword/deletePassword');
  }
  return api;
}

class Timeout extends Error {}

export class KeytarSecretStore implements SecretStore {
  readonly backend: string;
  private readonly service: string;
  private readonly mechanism: string;
  private readonly probeTimeoutMs: number;
  private readonly operationTimeoutMs: number;
  private readonly loadKeytar: () => Promise<KeytarLike>;
  private loading: Promise<KeytarLike> | null = null;
  /** Set by a successful probe, cleared by any failed call. */
  private keytar: KeytarLike | null = null;
  private probing: Promise<SecretStatus> | null = null;
  /** Keytar calls that outlived their timeout and have not settled yet. */
  private stuck = 0;
  private stuckSince = 0;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.mechanism = keychainMechanism(options.platform ?? process.platform);
    this.backend = `OS keychain: ${this.mechanism} (keytar)`;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 5_000;
    this.operationTimeoutMs = options.operationTimeoutMs ?? 15_000;
    this.loadKeytar = options.loadKeytar ?? importKeytar;
  }

  /**
   * Keychain calls that timed out and are still blocked in the OS library. Not 0 means process.exit()
   * would hang (see the note at the top of this file).
   */
  get stuckCalls(): number {
    return this.stuck;
  }

  status(): Promise<SecretStatus> {
    this.probing ??= this.probe().finally(() => (this.probing = null));
    return this.probing;
  }

  async put(kind: SecretKind, value: string, label: string): Promise<SecretRef> {
    validateSecretValue(kind, value);
    validateLabel(label);
    const ref = newSecretRef();
    // A store that lands after the caller was told it failed would leave a secret nobody has a ref to.
    const undo = (k: KeytarLike) => void k.deletePassword(this.service, ref).catch(() => {});
    await this.call('store the secret', [value], (k) => k.setPassword(this.service, ref, encodeEntry({ kind, label, value })), undo);
    return ref;
  }

  async replace(ref: SecretRef, value: string): Promise<void> {
    const checked = parseSecretRef(ref);
    // What every kind requires is checked before the keychain is touched; the kind's own rules after.
    validateSecretText(value, 'The new value');
    const entry = await this.read(checked);
    if (!entry) throw new SecretNotFoundError(checked);
    validateSecretValue(entry.kind, value);
    await this.call('replace the secret', [value, entry.value], (k) => k.setPassword(this.service, checked, encodeEntry({ ...entry, value })));
  }

  async has(ref: SecretRef): Promise<boolean> {
    const checked = parseSecretRef(ref);
    return (await this.call('look up the secret', [], (k) => k.getPassword(this.service, checked))) !== null;
  }

  async describe(ref: SecretRef): Promise<SecretInfo | null> {
    const checked = parseSecretRef(ref);
    const entry = await this.read(checked);
    return entry ? { ref: checked, kind: entry.kind, label: entry.label } : null;
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const checked = parseSecretRef(ref);
    return this.call('delete the secret', [], (k) => k.deletePassword(this.service, checked));
  }

  async reveal(ref: SecretRef): Promise<string | null> {
    const entry = await this.read(parseSecretRef(ref));
    return entry ? entry.value : null;
  }

  private async read(ref: SecretRef): Promise<Entry | null> {
    const raw = await this.call('read the secret', [], (k) => k.getPassword(this.service, ref));
    if (raw === null) return null;
    const entry = decodeEntry(raw);
    if (!entry) {
      throw new KeychainError(
        `The keychain entry ${this.service}/${ref} is not in Photon's format (was it edited outside Photon?). Delete the secret and set it again.`,
      );
    }
    return entry;
  }

  /**
   * One keychain operation: probes first unless a probe already succeeded, bounds the call by the
   * operation timeout, and turns failures into typed errors with any secret text redacted.
   */
  private async call<T>(what: string, secrets: readonly string[], op: (k: KeytarLike) => Promise<T>, onLateSuccess?: (k: KeytarLike) => void): Promise<T> {
    let keytar = this.keytar;
    if (!keytar) {
      const status = await this.status();
      if (!status.available) throw new KeychainUnavailableError(status.reason);
      keytar = this.keytar;
      if (!keytar) throw new KeychainUnavailableError(this.unreachable('the keychain went away while Photon was checking it'));
    }
    try {
      const k = keytar;
      return await this.bounded(op(k), Date.now() + this.operationTimeoutMs, onLateSuccess && (() => onLateSuccess(k)));
    } catch (err) {
      this.keytar = null;
      if (err instanceof Timeout) {
        throw new KeychainUnavailableError(this.unreachable(`it did not answer within ${seconds(this.operationTimeoutMs)}`));
      }
      // Was it the keychain going away, or this one operation failing?
      const status = await this.status();
      if (!status.available) throw new KeychainUnavailableError(redact(status.reason, secrets, false));
      throw new KeychainError(`The OS keychain could not ${what}: ${redact(messageOf(err), secrets)}.`);
    }
  }

  private async probe(): Promise<SecretStatus> {
    this.keytar = null;
    if (this.stuck > 0) {
      return this.unavailable(`a request made ${seconds(Date.now() - this.stuckSince)} ago has still not been answered`);
    }
    let keytar: KeytarLike;
    try {
      this.loading ??= this.loadKeytar();
      keytar = await this.loading;
    } catch (err) {
      return { available: false, reason: `The OS keychain module (keytar) could not be loaded: ${trimPeriod(messageOf(err))}. ${NO_PLAIN_TEXT}` };
    }
    const deadline = Date.now() + this.probeTimeoutMs;
    const account = `${PROBE_PREFIX}${randomUUID()}`;
    const token = `photon-keychain-probe-${randomUUID()}`;
    let stored = false;
    const removeProbe = () => void keytar.deletePassword(this.service, account).catch(() => {});
    try {
      await this.bounded(keytar.setPassword(this.service, account, token), deadline, removeProbe);
      stored = true;
      const back = await this.bounded(keytar.getPassword(this.service, account), deadline, removeProbe);
      if (back !== token) throw new Error('it returned something other than the test entry just stored');
      const deleted = await this.bounded(keytar.deletePassword(this.service, account), deadline, removeProbe);
      stored = false;
      if (!deleted) throw new Error('it could not delete the test entry just stored');
    } catch (err) {
      // Best effort: the probe entry holds a random token, nothing secret, but should not linger.
      if (stored && this.stuck === 0) void this.bounded(keytar.deletePassword(this.service, account), Date.now() + this.probeTimeoutMs).catch(() => {});
      if (err instanceof Timeout) return this.unavailable(`it did not answer within ${seconds(this.probeTimeoutMs)}`);
      return this.unavailable(messageOf(err));
    }
    this.keytar = keytar;
    return { available: true };
  }

  private unavailable(detail: string): SecretStatus {
    return { available: false, reason: this.unreachable(detail) };
  }

  private unreachable(detail: string): string {
    return `No OS keychain is reachable (${this.mechanism}): ${trimPeriod(detail)}. ${NO_PLAIN_TEXT}`;
  }

  /**
   * Races a keytar call against a deadline. A call that loses keeps counting as stuck until it
   * settles; if it then succeeds after all, `onLateSuccess` undoes what the caller was told failed.
   */
  private bounded<T>(promise: Promise<T>, deadline: number, onLateSuccess?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(
        () => {
          timedOut = true;
          if (this.stuck++ === 0) this.stuckSince = Date.now();
          reject(new Timeout());
        },
        Math.max(0, deadline - Date.now()),
      );
      promise.then(
        (value) => {
          clearTimeout(timer);
          if (!timedOut) return resolve(value);
          this.stuck--;
          onLateSuccess?.();
        },
        (err: unknown) => {
          clearTimeout(timer);
          if (timedOut) this.stuck--;
          else reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The keychain entry: a short header a person can read in Seahorse / Keychain Access (what the
// secret is for), a blank line, then the value exactly as given. Labels are one line, so the first
// blank line always ends the header; the value may contain anything (including blank lines).

interface Entry {
  kind: SecretKind;
  label: string;
  value: string;
}

const MAGIC = 'photon-console secret v1';

export function encodeEntry(entry: Entry): string {
  return `${MAGIC}\nkind: ${entry.kind}\nlabel: ${entry.label}\n\n${entry.value}`;
}

export function decodeEntry(raw: string): Entry | null {
  const end = raw.indexOf('\n\n');
  if (end === -1) return null;
  const [magic, ...lines] = raw.slice(0, end).split('\n');
  if (magic !== MAGIC) return null;
  const fields = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon === -1) return null;
    fields.set(line.slice(0, colon), line.slice(colon + 2));
  }
  const kind = fields.get('kind');
  const label = fields.get('label');
  const value = raw.slice(end + 2);
  if (!isSecretKind(kind) || label === undefined || value.length === 0) return null;
  return { kind, label, value };
}

// ---------------------------------------------------------------------------------------------

function messageOf(err: unknown): string {
  const text = errorMessage(err);
  return text.trim() || (err instanceof Error ? err.name : 'unknown error');
}

function trimPeriod(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`;
}

/** Third-party error text could in theory echo what it was given; no secret leaves through a message. */
function redact(text: string, secrets: readonly string[], trim = true): string {
  let out = trim ? trimPeriod(text) : text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('[redacted]');
  return out;
}
