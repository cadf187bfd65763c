import type { RunbookSummary, RunSummary } from '../../../preload/schemas/recovery.ts';
import type { Choice } from '../../components/SelectField.tsx';

// The contract's value lists, restated so zod stays out of the renderer; `satisfies` fails the
// build the moment the contract's list changes.

export type RunStatus = RunSummary['status'];
export type RunTrigger = RunSummary['trigger'];
export type Danger = RunbookSummary['danger'];

const STATUS_TEXT = {
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  cancelled: 'CANCELLED',
  'timed-out': 'TIMED OUT',
} as const satisfies Record<RunStatus, string>;

// Reuses the monitor badge colours: green done, red failed, amber still going, grey stopped by a person.
const STATUS_CLASS = {
  running: 'status-degraded',
  succeeded: 'status-up',
  failed: 'status-down',
  cancelled: 'status-unknown',
  'timed-out': 'status-down',
} as const satisfies Record<RunStatus, string>;

const TRIGGER_TEXT = { ui: 'Console', cli: 'Terminal (photon run)', schedule: 'Schedule' } as const satisfies Record<RunTrigger, string>;

const DANGER_TEXT = {
  'read-only': 'Read-only: changes nothing on the host',
  changes: 'Changes the host',
  disruptive: 'Disruptive: interrupts the host or its service',
} as const satisfies Record<Danger, string>;

const entries = <K extends string, V>(o: Record<K, V>) => Object.entries(o) as [K, V][];

export const runStatusText = (s: RunStatus): string => STATUS_TEXT[s];
/** A host's lastRun carries its status as plain text; this tells whether it is one the badges know. */
export const isRunStatus = (s: string): s is RunStatus => Object.hasOwn(STATUS_TEXT, s);
export const runStatusClass = (s: RunStatus): string => STATUS_CLASS[s];
export const triggerText = (t: RunTrigger): string => TRIGGER_TEXT[t];
export const dangerText = (d: Danger): string => DANGER_TEXT[d];

export const RUN_STATUS_CHOICES: readonly Choice<RunStatus>[] = entries(STATUS_TEXT).map(([value, label]) => ({ value, label }));
export const TRIGGER_CHOICES: readonly Choice<RunTrigger>[] = entries(TRIGGER_TEXT).map(([value, label]) => ({ value, label }));

/** "Recovered", "Not recovered", or why it could not be told. */
export function recoveryText(run: Pick<RunSummary, 'recovered' | 'status'>): string {
  if (run.status === 'running') return 'not verified yet';
  if (run.recovered === true) return 'recovered';
  if (run.recovered === false) return 'not recovered';
  return 'not verified (no monitors)';
}
