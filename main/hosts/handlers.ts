import type { Handlers } from '../api/dispatcher.ts';
import { ContractError } from '../api/contract-error.ts';
import type { HostsService } from './hosts-service.ts';
import { importBlocker, preferredKnownKey, readSshHosts } from './ssh-config-hosts.ts';

/** The hosts block of the contract: profiles, ~/.ssh/config import, host-key checks and pins. */
export function hostHandlers(hosts: HostsService, localUser: string) {
  return {
    listHosts: (input) => hosts.list(input.projectId),
    saveHost: (input) => hosts.save(input),
    removeHost: (input) => hosts.remove(input.id),
    readSshConfig: async (input) => {
      const { profiles: _profiles, ...read } = await readSshHosts(input, (alias) => hosts.repo.byName(alias) !== null);
      return read;
    },
    importSshHosts: async (input) => {
      const read = await readSshHosts(input, (alias) => hosts.repo.byName(alias) !== null);
      if (read.hosts.length === 0 && read.warnings.length > 0) throw new ContractError('INVALID_INPUT', `importSshHosts: ${read.warnings[0]}`, 'file');
      const imported = [];
      const skipped = [];
      for (const alias of input.aliases) {
        const found = read.hosts.find((h) => h.alias === alias);
        if (!found) {
          skipped.push({ alias, reason: `no Host ${alias} in ${read.file}` });
          continue;
        }
        const blocker = importBlocker(found);
        if (blocker) {
          skipped.push({ alias, reason: blocker });
          continue;
        }
        const saved = hosts.save(
          {
            name: found.alias,
            projectId: input.projectId,
            address: found.address,
            port: found.port,
            // ssh logs in as the local user when the config names none; so does the import.
            user: found.user ?? localUser,
            auth: found.identityFile ? 'key' : 'agent',
            keyPath: found.identityFile,
            secretRef: null,
            sudo: true,
            services: [],
            cloud: null,
          },
          `ssh-config ${found.source}`,
        );
        const known = input.trustKnownHosts ? preferredKnownKey(found.knownHostKeys) : null;
        if (known) hosts.pinTrusted(saved.id, known.fingerprint, known.keyType);
        imported.push(hosts.summaryOf(saved.id));
      }
      if (imported.length > 0) hosts.announce();
      return { imported, skipped };
    },
    checkHostKey: (input) => hosts.checkHostKey(input.hostId),
    pinHostKey: (input) => hosts.pinHostKey(input.hostId, input.fingerprint),
  } satisfies Partial<Handlers>;
}
