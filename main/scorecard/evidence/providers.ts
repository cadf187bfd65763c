import type { CheckOutcome } from '../types.ts';
import { errorMessage } from '../../core/error-message.ts';

/**
 * A source of evidence the scorecard does not own, e.g. the backups subsystem answering "are the
 * backups of this project fresh?". Register one under the id a check asks for (BACKUPS_PROVIDER);
 * until one exists the check stays unknown.
 */
export interface EvidenceProvider {
  id: string;
  collect(subject: { repoDir: string; projectId: string | null; now: number }): CheckOutcome | null | Promise<CheckOutcome | null>;
}

/** Provider id → its outcome for this assessment (collected before the checks run). */
export type EvidenceProviders = ReadonlyMap<string, CheckOutcome>;

export const BACKUPS_PROVIDER = 'backups';

export async function collectProviders(
  providers: readonly EvidenceProvider[],
  subject: { repoDir: string; projectId: string | null; now: number },
): Promise<Map<string, CheckOutcome>> {
  const out = new Map<string, CheckOutcome>();
  for (const p of providers) {
    try {
      const outcome = await p.collect(subject);
      if (outcome) out.set(p.id, outcome);
    } catch (err) {
      // A broken provider makes its checks unknown, never the assessment fail.
      out.set(p.id, { status: 'unknown', reason: `evidence source "${p.id}" failed: ${errorMessage(err)}`, evidence: [] });
    }
  }
  return out;
}
