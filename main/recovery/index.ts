import { recoveryHandlers } from './handlers.ts';
import { RecoveryService, type RecoveryOptions } from './recovery-service.ts';

export { RecoveryService } from './recovery-service.ts';
export type { FileRunbook } from './runbook.ts';

/** Runbooks, their runs and the audit log; loops start with `service.startLoops()`. */
export function createRecovery(deps: RecoveryOptions) {
  const service = new RecoveryService(deps);
  return { service, handlers: recoveryHandlers(service) };
}
