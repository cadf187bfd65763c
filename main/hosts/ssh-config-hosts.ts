import type { SshConfigRead } from '../../preload/schemas/hosts.ts';
import { HOST_NAME } from '../../preload/schemas/hosts.ts';
import { findKnownHostKeys, importSshConfigFile, localSshEnvironment, type SshHostProfile } from '../ssh/index.ts';
import { readKnownHostsText } from './known-hosts-file.ts';

export interface ReadSshHosts extends SshConfigRead {
  profiles: Map<string, SshHostProfile>;
}

/**
 * ~/.ssh/config and known_hosts as a list a person can pick from. Nothing is changed; problems
 * (a missing file, an unsupported keyword) are listed, never thrown.
 */
export async function readSshHosts(files: { file?: string | undefined; knownHostsFile?: string | undefined }, existing: (alias: string) => boolean): Promise<ReadSshHosts> {
  const environment = localSshEnvironment();
  const config = importSshConfigFile(files.file, environment);
  const known = await readKnownHostsText(files.knownHostsFile);
  const warnings = config.warnings.map((w) => (w.line > 0 ? `${w.file}:${w.line}: ${w.message}` : `${w.file}: ${w.message}`));
  if (known.problem) warnings.push(known.problem);
  const profiles = new Map<string, SshHostProfile>();
  const hosts = config.hosts.map((h) => {
    profiles.set(h.alias, h);
    const issues = h.issues.map((i) => `${i.keyword}: ${i.message}`);
    if (!HOST_NAME.test(h.alias)) issues.push('the alias is not usable as a host name in Photon (letters, digits, dot, dash, underscore)');
    if (h.proxyJump) issues.push(`ProxyJump ${h.proxyJump} is not supported by Photon's SSH client; connect to the host directly or through a tunnel`);
    const lookupName = h.hostKeyAlias ?? h.hostName;
    const keys = known.text === null ? [] : findKnownHostKeys(known.text, lookupName, h.hostKeyAlias ? 22 : h.port);
    return {
      alias: h.alias,
      address: h.hostName,
      port: h.port,
      user: h.user,
      identityFile: h.identityFiles[0] ?? null,
      proxyJump: h.proxyJump,
      source: `${h.source.file}:${h.source.line}`,
      knownHostKeys: keys.filter((k) => !k.revoked).map((k) => ({ fingerprint: k.fingerprint, keyType: k.keyType, line: k.line })),
      issues,
      existing: existing(h.alias),
    };
  });
  return { file: files.file ?? `${environment.homeDir}/.ssh/config`, knownHostsFile: known.file, hosts, warnings, profiles };
}

/** Whether an imported host can be created as is; the reason when not. */
export function importBlocker(h: SshConfigRead['hosts'][number]): string | null {
  if (h.existing) return `a host named ${h.alias} already exists`;
  if (!HOST_NAME.test(h.alias)) return 'the alias is not usable as a host name';
  if (h.proxyJump) return 'ProxyJump is not supported';
  return null;
}

/** The one known_hosts key to pin when the person trusts known_hosts: ed25519 first, as ssh2 negotiates it first. */
export function preferredKnownKey(keys: SshConfigRead['hosts'][number]['knownHostKeys']) {
  const order = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [...keys].sort((a, b) => rankOf(order, a.keyType) - rankOf(order, b.keyType))[0] ?? null;
}

function rankOf(order: string[], t: string): number {
  const i = order.indexOf(t);
  return i === -1 ? order.length : i;
}
