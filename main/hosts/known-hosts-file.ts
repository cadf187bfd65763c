import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findKnownHostKeys, type KnownHostKey } from '../ssh/index.ts';

/** A known_hosts file with thousands of hosts is ~1 MB; anything much larger is not one. */
const MAX_KNOWN_HOSTS_BYTES = 8 * 1024 * 1024;

export const defaultKnownHostsFile = (): string => path.join(os.homedir(), '.ssh', 'known_hosts');

export interface KnownHostsLookup {
  file: string;
  keys: KnownHostKey[];
  /** Why the file could not be consulted; a missing file is not an error (nothing is known). */
  problem: string | null;
}

/** The keys known_hosts records for host:port (hashed entries included): evidence, never trust on its own. */
export function readKnownHostKeys(file: string | undefined, host: string, port: number): KnownHostsLookup {
  const text = readKnownHostsText(file);
  return { file: text.file, keys: text.text === null ? [] : findKnownHostKeys(text.text, host, port), problem: text.problem };
}

export function readKnownHostsText(file: string | undefined): { file: string; text: string | null; problem: string | null } {
  const target = file ?? defaultKnownHostsFile();
  try {
    const stat = fs.statSync(target);
    if (!stat.isFile()) return { file: target, text: null, problem: `${target} is not a file` };
    if (stat.size > MAX_KNOWN_HOSTS_BYTES) return { file: target, text: null, problem: `${target} is ${stat.size} bytes; files over ${MAX_KNOWN_HOSTS_BYTES} are not read` };
    return { file: target, text: fs.readFileSync(target, 'utf8'), problem: null };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: target, text: null, problem: null };
    return { file: target, text: null, problem: `${target} could not be read (${code ?? String(err)})` };
  }
}
