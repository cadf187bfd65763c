import type { RunbookDefinition, RunbookParam, RunbookSummary } from '../../preload/schemas/recovery.ts';

/** A step as the executor sees it: the user-facing step shapes plus what only built-ins may say. */
export type Step =
  | { title?: string; remote: string[]; sudo: boolean; continueOnError: boolean; expectDisconnect?: boolean }
  | { title?: string; local: string[]; continueOnError: boolean }
  | { title?: string; waitForSsh: { timeoutSeconds: number; afterDisconnect?: boolean } }
  | { title?: string; verifyMonitors: { timeoutSeconds: number } };

export interface Runbook {
  id: string;
  name: string;
  description: string;
  builtin: boolean;
  hostId: number | null;
  danger: RunbookSummary['danger'];
  readOnly: boolean;
  params: RunbookParam[];
  steps: Step[];
  timeoutSeconds: number;
  schedule: string | null;
  available: boolean;
  unavailableReason: string | null;
  source: string;
}

/** A runbook as a project's photon.yml declares it: what the service's file import checks and applies. */
export interface FileRunbook {
  /** The host profile it belongs to, by name (resolved when the file is applied). */
  host: string;
  definition: Omit<RunbookDefinition, 'hostId' | 'id'>;
  line: number;
}

export const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export function toSummary(r: Runbook, nextRunAt: number | null): RunbookSummary {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    builtin: r.builtin,
    hostId: r.hostId,
    danger: r.danger,
    readOnly: r.readOnly,
    params: r.params,
    schedule: r.schedule,
    nextRunAt,
    available: r.available,
    unavailableReason: r.unavailableReason,
    source: r.source,
  };
}
