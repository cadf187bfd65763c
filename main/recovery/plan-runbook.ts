import type { RunbookParam, RunPlan } from '../../preload/schemas/recovery.ts';
import { compilePattern, PatternError, type LinearPattern } from '../../preload/linear-pattern.ts';
import { ContractError } from '../api/contract-error.ts';
import type { HostRecord } from '../hosts/index.ts';
import { hostPort, shellQuoteArgv } from '../ssh/index.ts';
import { PLACEHOLDER, type Runbook, type Step } from './runbook.ts';

export type ParamValues = Record<string, string | number>;

/** A step with its parameters substituted: what the executor runs and the preview shows. */
export type PlannedStep = Step & { display: string; where: 'remote' | 'local' | 'wait' };

export interface Plan {
  steps: PlannedStep[];
  params: ParamValues;
  view: RunPlan;
}

/**
 * The dry run. Each parameter is checked against its type; each value then replaces its
 * placeholder INSIDE one argv element, and the element is quoted as a whole (remote) or passed as
 * one argv entry (local). No value can add an argument, end a command or start another.
 */
export function planRunbook(runbook: Runbook, host: HostRecord, raw: Record<string, string | number>): Plan {
  if (!runbook.available) throw new ContractError('UNAVAILABLE', `${runbook.name} cannot run here: ${runbook.unavailableReason}`);
  const params = resolveParams(runbook.params, raw);
  const privileged = host.sudo && host.user !== 'root';
  const steps = runbook.steps.map((step): PlannedStep => {
    if ('remote' in step) {
      const argv = [...(step.sudo && privileged ? ['sudo', '-n'] : []), ...step.remote.map((a) => substitute(a, params))];
      return { ...step, remote: argv, where: 'remote', display: shellQuoteArgv(argv) };
    }
    if ('local' in step) {
      const argv = step.local.map((a) => substitute(a, params));
      return { ...step, local: argv, where: 'local', display: shellQuoteArgv(argv) };
    }
    if ('waitForSsh' in step) {
      const what = step.waitForSsh.afterDisconnect ? 'wait until SSH goes away and answers again' : 'wait until SSH answers';
      return { ...step, where: 'wait', display: `${what} on ${hostPort(host.address, host.port)} with the pinned key (at most ${step.waitForSsh.timeoutSeconds} s)` };
    }
    return { ...step, where: 'wait', display: `re-run the host's monitors until all are UP (at most ${step.verifyMonitors.timeoutSeconds} s)` };
  });
  return {
    steps,
    params,
    view: {
      host: host.name,
      runbook: runbook.name,
      danger: runbook.danger,
      commands: steps.map((s, i) => ({ step: i + 1, title: s.title ?? `Step ${i + 1}`, where: s.where, display: s.display })),
      params,
      confirmPhrase: runbook.danger === 'disruptive' ? host.name : 'yes',
      timeoutSeconds: runbook.timeoutSeconds,
    },
  };
}

function substitute(arg: string, params: ParamValues): string {
  return arg.replace(PLACEHOLDER, (_, name: string) => String(params[name]));
}

/** Every given value checked, every missing one defaulted or reported; unknown names are an error. */
export function resolveParams(defs: readonly RunbookParam[], raw: Record<string, string | number>): ParamValues {
  const out: ParamValues = {};
  for (const name of Object.keys(raw)) {
    if (!defs.some((d) => d.name === name)) {
      const known = defs.map((d) => d.name);
      throw new ContractError('INVALID_INPUT', `unknown parameter "${name}"${known.length ? `; this runbook takes ${known.join(', ')}` : '; this runbook takes none'}`, `params.${name}`);
    }
  }
  for (const d of defs) {
    const given = Object.hasOwn(raw, d.name) ? raw[d.name] : d.default;
    const field = `params.${d.name}`;
    if (given === undefined) throw new ContractError('INVALID_INPUT', `parameter ${d.name} is required`, field);
    out[d.name] = checkValue(d, given, field);
  }
  return out;
}

function checkValue(d: RunbookParam, value: string | number, field: string): string | number {
  switch (d.type) {
    case 'string': {
      if (typeof value !== 'string') throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be text`, field);
      if (value.includes('\0')) throw new ContractError('INVALID_INPUT', `parameter ${d.name} contains a NUL character, which no command can receive`, field);
      if (value.length > d.maxLength) throw new ContractError('INVALID_INPUT', `parameter ${d.name} is longer than ${d.maxLength} characters`, field);
      if (d.pattern !== undefined && !wholeValuePattern(d.name, d.pattern, field).test(value)) {
        throw new ContractError('INVALID_INPUT', `parameter ${d.name} does not match the pattern ${d.pattern}`, field);
      }
      return value;
    }
    case 'enum': {
      const text = String(value);
      if (!d.values.includes(text)) throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be one of ${d.values.join(', ')}`, field);
      return text;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
      if (!Number.isFinite(n)) throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be a number`, field);
      if (d.integer && !Number.isInteger(n)) throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be a whole number`, field);
      if (d.min !== undefined && n < d.min) throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be at least ${d.min}`, field);
      if (d.max !== undefined && n > d.max) throw new ContractError('INVALID_INPUT', `parameter ${d.name} must be at most ${d.max}`, field);
      return n;
    }
  }
}

/**
 * The parameter's pattern as a linear-time matcher. A stored runbook whose pattern this build
 * refuses (saved before patterns ran on RE2) answers with a validation error naming it, not a crash.
 */
function wholeValuePattern(name: string, pattern: string, field: string): LinearPattern {
  try {
    return compilePattern(pattern, { whole: true });
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    throw new ContractError('INVALID_INPUT', `the pattern of parameter ${name} ${err.reason}; edit the runbook to fix it`, field);
  }
}
