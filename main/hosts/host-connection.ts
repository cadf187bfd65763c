import { AuthError, connect, type ConnectOptions, type SshConnection } from '../ssh/index.ts';
import type { SecretRef, SecretStore } from '../secrets/index.ts';
import type { HostRecord } from './host-repository.ts';

export class HostNotPinnedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostNotPinnedError';
  }
}

/**
 * An authenticated session to a host profile: its pinned key, its login from the vault. The secret
 * is fetched for this one connect call and dropped with it; ssh2 never reports it in an error.
 */
export async function connectToHost(host: HostRecord, secrets: SecretStore, options: { signal?: AbortSignal; timeoutMs: number }): Promise<SshConnection> {
  if (!host.pin) {
    throw new HostNotPinnedError(`the host key of ${host.name} is not pinned yet: check it in Settings → Hosts & Credentials and confirm its fingerprint first`);
  }
  const base: ConnectOptions = {
    host: host.address,
    port: host.port,
    user: host.user,
    expectedHostKey: host.pin.fingerprint,
    expectedHostKeyType: host.pin.keyType,
    timeoutMs: options.timeoutMs,
    ...(options.signal && { signal: options.signal }),
  };
  const secret = host.secretRef ? await secrets.reveal(host.secretRef as SecretRef) : null;
  if (host.secretRef && secret === null) throw new AuthError(`the ${host.auth === 'password' ? 'password' : 'key passphrase'} of ${host.name} is no longer in the keychain; set it again`);
  switch (host.auth) {
    case 'agent':
      return connect({ ...base, useAgent: true });
    case 'key':
      return connect({ ...base, privateKeyPath: host.keyPath!, ...(secret !== null && { passphrase: secret }) });
    case 'password':
      return connect({ ...base, password: secret! });
  }
}
