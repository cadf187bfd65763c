import type { MethodInput } from '../../../preload/contract.ts';
import type { RunbookParam } from '../../../preload/schemas/recovery.ts';
import type { ApiError } from '../../api/client.ts';

export type ParamType = RunbookParam['type'];
export type StepKind = 'remote' | 'local' | 'waitForSsh' | 'verifyMonitors';

/** One parameter as typed; only the fields of its type are sent. */
export interface ParamRow {
  key: number;
  type: ParamType;
  name: string;
  label: string;
  pattern: string;
  maxLength: string;
  /** Enum values separated by commas or new lines. */
  values: string;
  min: string;
  max: string;
  integer: boolean;
  default: string;
}

/** One step as typed. A command is one argument per line: nothing is split on spaces, so what is shown is what runs. */
export interface StepRow {
  key: number;
  kind: StepKind;
  title: string;
  argv: string;
  sudo: boolean;
  continueOnError: boolean;
  timeoutSeconds: string;
}

export interface RunbookDraft {
  name: string;
  description: string;
  readOnly: boolean;
  /** Offered on this host only, or on every host. */
  thisHostOnly: boolean;
  timeoutSeconds: string;
  schedule: string;
  params: ParamRow[];
  steps: StepRow[];
}

/** Errors by "name", "schedule", "params.<i>", "steps.<i>" …; "form" for what belongs to no field. */
export type RunbookErrors = Record<string, string>;

let nextKey = 1;
export const newParam = (): ParamRow => ({ key: nextKey++, type: 'string', name: '', label: '', pattern: '', maxLength: '', values: '', min: '', max: '', integer: true, default: '' });
export const newStep = (kind: StepKind = 'remote'): StepRow => ({ key: nextKey++, kind, title: '', argv: '', sudo: false, continueOnError: false, timeoutSeconds: '300' });

export const emptyRunbook = (): RunbookDraft => ({
  name: '',
  description: '',
  readOnly: false,
  thisHostOnly: true,
  timeoutSeconds: '600',
  schedule: '',
  params: [],
  steps: [newStep()],
});

const lines = (text: string) => text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '');
const list = (text: string) => text.split(/[,\n]/).map((v) => v.trim()).filter(Boolean);

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

function optionalNumber(text: string): number | undefined | 'bad' {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

function buildParam(row: ParamRow, at: string, errors: RunbookErrors): RunbookParam {
  const base = { name: row.name.trim(), ...(row.label.trim() ? { label: row.label.trim() } : {}) };
  if (!base.name) errors[at] = 'Name the parameter (lower_snake_case); steps use it as {{name}}.';
  if (row.type === 'string') {
    const maxLength = row.maxLength.trim() === '' ? 256 : wholeNumber(row.maxLength);
    if (maxLength === null) errors[at] ??= 'Maximum length must be a whole number.';
    return { type: 'string', ...base, maxLength: maxLength ?? 256, ...(row.pattern.trim() ? { pattern: row.pattern.trim() } : {}), ...(row.default ? { default: row.default } : {}) };
  }
  if (row.type === 'enum') {
    const values = list(row.values);
    if (values.length === 0) errors[at] ??= 'List the allowed values, separated by commas.';
    return { type: 'enum', ...base, values, ...(row.default.trim() ? { default: row.default.trim() } : {}) };
  }
  const min = optionalNumber(row.min);
  const max = optionalNumber(row.max);
  const dflt = optionalNumber(row.default);
  if (min === 'bad' || max === 'bad' || dflt === 'bad') errors[at] ??= 'Minimum, maximum and default must be numbers.';
  const num = (v: number | undefined | 'bad') => (v === 'bad' ? undefined : v);
  return {
    type: 'number',
    ...base,
    integer: row.integer,
    ...(num(min) !== undefined ? { min: num(min) } : {}),
    ...(num(max) !== undefined ? { max: num(max) } : {}),
    ...(num(dflt) !== undefined ? { default: num(dflt) } : {}),
  };
}

type Step = MethodInput<'saveRunbook'>['steps'][number];

function buildStep(row: StepRow, at: string, errors: RunbookErrors): Step {
  const title = row.title.trim() ? { title: row.title.trim() } : {};
  if (row.kind === 'remote' || row.kind === 'local') {
    const argv = lines(row.argv);
    if (argv.length === 0) errors[at] = 'Enter the program on the first line, then one argument per line.';
    return row.kind === 'remote'
      ? { ...title, remote: argv, sudo: row.sudo, continueOnError: row.continueOnError }
      : { ...title, local: argv, continueOnError: row.continueOnError };
  }
  const timeoutSeconds = wholeNumber(row.timeoutSeconds);
  if (timeoutSeconds === null) errors[at] = 'The wait needs a whole number of seconds.';
  return row.kind === 'waitForSsh' ? { ...title, waitForSsh: { timeoutSeconds: timeoutSeconds ?? 0 } } : { ...title, verifyMonitors: { timeoutSeconds: timeoutSeconds ?? 0 } };
}

/** The saveRunbook input, or what to fix where. The core validates everything again (names, patterns, limits). */
export function toRunbookInput(draft: RunbookDraft, hostId: number): { ok: true; input: MethodInput<'saveRunbook'> } | { ok: false; errors: RunbookErrors } {
  const errors: RunbookErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the runbook a name.';
  const timeoutSeconds = wholeNumber(draft.timeoutSeconds);
  if (timeoutSeconds === null) errors.timeoutSeconds = 'Enter a whole number of seconds.';
  const schedule = draft.schedule.trim();
  if (schedule && !draft.readOnly) errors.schedule = 'Only a read-only runbook may run on a schedule, unattended.';
  if (draft.steps.length === 0) errors.form = 'Add at least one step.';
  const params = draft.params.map((p, i) => buildParam(p, `params.${i}`, errors));
  const steps = draft.steps.map((s, i) => buildStep(s, `steps.${i}`, errors));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      hostId: draft.thisHostOnly ? hostId : null,
      name: draft.name.trim(),
      description: draft.description.trim(),
      readOnly: draft.readOnly,
      params,
      steps,
      timeoutSeconds: timeoutSeconds!,
      schedule: schedule || null,
    },
  };
}

/** "steps.2.remote" → under step 3; "params.0.pattern" → under parameter 1; top-level fields under themselves. */
export function placeRunbookError(err: ApiError): RunbookErrors {
  const field = err.field ?? '';
  const row = /^(params|steps)\.(\d+)/.exec(field);
  if (row) return { [`${row[1]}.${row[2]}`]: err.message };
  const top = field.split('.')[0] ?? '';
  if (['name', 'description', 'timeoutSeconds', 'schedule', 'readOnly'].includes(top)) return { [top]: err.message };
  return { form: err.message };
}
