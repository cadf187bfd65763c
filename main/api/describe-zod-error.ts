import type { z } from 'zod';
import type { ContractErrorShape } from '../../preload/contract.ts';

/** Turns the first zod issue into one sentence that names the field, e.g. "name: must not be empty". */
export function describeZodError(error: z.ZodError, where: string, input: unknown): ContractErrorShape {
  const issue = error.issues[0];
  if (!issue) return { code: 'INVALID_INPUT', message: `${where}: invalid input` };
  const base = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...base, issue.keys[0] ?? ''].join('.');
    return {
      code: 'INVALID_INPUT',
      message: `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      field,
    };
  }
  const field = base.join('.');
  if (!field) return { code: 'INVALID_INPUT', message: `${where}: ${rootMessage(issue, input)}` };
  const message = issue.message.startsWith(base[base.length - 1] ?? '\0')
    ? issue.message
    : `${field}: ${issue.message}`;
  return { code: 'INVALID_INPUT', message: `${where}: ${message}`, field };
}

function rootMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') return `input must be a JSON object (got ${describeReceived(input)})`;
  return issue.message;
}

function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
