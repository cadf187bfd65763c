import {
  KeychainUnavailableError,
  SecretNotFoundError,
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

/**
 * FOR TESTS OF OTHER MODULES ONLY: a SecretStore that keeps secrets in a Map in this process and loses
 * them on exit. It validates exactly like the keychain store and can pretend the keychain is missing
 * (`unavailableReason`), so code that takes a SecretStore can be tested without a D-Bus session.
 *
 * Never construct it in a production path: Photon has no non-keychain store, by design (a test in
 * test/secrets checks that nothing under main/ imports this file).
 */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'in-memory (tests only; secrets are lost on exit)';
  private readonly entries = new Map<SecretRef, { kind: SecretKind; label: string; value: string }>();
  /** When set, the store behaves like KeytarSecretStore without a keychain. Tests may change it. */
  unavailableReason: string | null;

  constructor(options: { unavailableReason?: string } = {}) {
    this.unavailableReason = options.unavailableReason ?? null;
  }

  /** How many secrets are held: lets a test check that a failed operation stored nothing. */
  get size(): number {
    return this.entries.size;
  }

  async status(): Promise<SecretStatus> {
    return this.unavailableReason === null ? { available: true } : { available: false, reason: this.unavailableReason };
  }

  async put(kind: SecretKind, value: string, label: string): Promise<SecretRef> {
    validateSecretValue(kind, value);
    validateLabel(label);
    this.ensureAvailable();
    const ref = newSecretRef();
    this.entries.set(ref, { kind, label, value });
    return ref;
  }

  async replace(ref: SecretRef, value: string): Promise<void> {
    const checked = parseSecretRef(ref);
    validateSecretText(value, 'The new value');
    this.ensureAvailable();
    const entry = this.entries.get(checked);
    if (!entry) throw new SecretNotFoundError(checked);
    validateSecretValue(entry.kind, value);
    this.entries.set(checked, { ...entry, value });
  }

  async has(ref: SecretRef): Promise<boolean> {
    const checked = parseSecretRef(ref);
    this.ensureAvailable();
    return this.entries.has(checked);
  }

  async describe(ref: SecretRef): Promise<SecretInfo | null> {
    const checked = parseSecretRef(ref);
    this.ensureAvailable();
    const entry = this.entries.get(checked);
    return entry ? { ref: checked, kind: entry.kind, label: entry.label } : null;
  }

  async delete(ref: SecretRef): Promise<boolean> {
    const checked = parseSecretRef(ref);
    this.ensureAvailable();
    return this.entries.delete(checked);
  }

  async reveal(ref: SecretRef): Promise<string | null> {
    const checked = parseSecretRef(ref);
    this.ensureAvailable();
    return this.entries.get(checked)?.value ?? null;
  }

  private ensureAvailable(): void {
    if (this.unavailableReason !== null) throw new KeychainUnavailableError(this.unavailableReason);
  }
}
