import { sshErrors } from '../ssh/index.ts';
import { hostHandlers } from './handlers.ts';
import { HostsService, type HostsServiceOptions } from './hosts-service.ts';

export { HostsService } from './hosts-service.ts';
export { connectToHost } from './host-connection.ts';
export type { HostRecord } from './host-repository.ts';
export { hostState, monitorsOfHost } from './host-state.ts';

/** Host profiles and their pinned keys; `localUser` is who ssh logs in as when a config names nobody. */
export function createHosts(deps: HostsServiceOptions & { localUser: string }) {
  const { localUser, ...options } = deps;
  const service = new HostsService(options);
  return { service, handlers: hostHandlers(service, localUser), errors: sshErrors };
}
