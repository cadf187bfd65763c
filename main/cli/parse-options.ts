import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parsePortText } from '../core/config.ts';
import { UsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into UsageErrors that name the command. */
export function parseOptions<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(`photon ${command}: ${(err as Error).message}`);
  }
}

export function parsePort(command: string, raw: string | undefined, fallback: number, flag = '--port'): number {
  if (raw === undefined) return fallback;
  const n = parsePortText(raw);
  if (n === null) throw new UsageError(`photon ${command}: ${flag} must be a whole number from 0 to 65535 (got ${JSON.stringify(raw)})`);
  return n;
}
