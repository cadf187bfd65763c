import os from 'node:os';
import path from 'node:path';
import { CONFIG } from '../core/config.ts';
import { FileReadError, readRegularText } from '../core/read-file-safely.ts';
import { findKnownHostKeys, type KnownHostKey } from '../ssh/index.ts';

export const defaultKnownHostsFile = (): string => path.join(os.homedir(), '.ssh', 'known_hosts');

export interface KnownHostsLookup {
  file: string;
  keys: KnownHostKey[];
  /** Why the file could not be consulted; a missing file is not an error (nothing is known). */
  problem: string | null;
}

/** The keys known_hosts records for host:port (hashed entries included): evidence, never trust on its own. */
export async function readKnownHostKeys(file: string | undefined, host: string, port: number): Promise<KnownHostsLookup> {
  const text = await readKnownHostsText(file);
  return { file: text.file, keys: text.text === null ? [] : findKnownHostKeys(text.text, host, port), problem: text.problem };
}

/** known_hosts as text: a regular file under the cap, read without blocking (a FIFO is refused, not waited on). */
export async function readKnownHostsText(file: string | undefined): Promise<{ file: string; text: string | null; problem: string | null }> {
  const target = file ?? defaultKnownHostsFile();
  try {
    return { file: target, text: await readRegularText(target, { maxBytes: CONFIG.files.knownHostsBytes }), problem: null };
  } catch (err) {
    if (!(err instanceof FileReadError)) throw err;
    if (err.code === 'NOT_FOUND') return { file: target, text: null, problem: null };
    return { file: target, text: null, problem: err.message };
  }
}
