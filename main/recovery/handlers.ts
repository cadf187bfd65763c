import type { Handlers } from '../api/dispatcher.ts';
import type { RecoveryService } from './recovery-service.ts';

/** The recovery block of the contract: runbooks, their dry run, runs and the audit log. */
export function recoveryHandlers(recovery: RecoveryService) {
  return {
    listRunbooks: (input) => recovery.runbooksFor(input.hostId),
    saveRunbook: (input) => recovery.saveRunbook(input),
    removeRunbook: (input) => recovery.removeRunbook(input.id),
    previewRunbook: (input) => recovery.preview(input.hostId, input.runbookId, input.params),
    startRunbook: (input) => recovery.start(input.hostId, input.runbookId, input.params, input.confirmation, 'ui'),
    cancelRun: (input) => recovery.cancel(input.runId),
    listRuns: (input) => recovery.list(input),
    getRun: (input) => recovery.get(input.runId),
  } satisfies Partial<Handlers>;
}
