import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestSshd } from '../helpers/sshd.ts';

const run = promisify(execFile);
/** Every OpenSSH tool the tests run gets this long; they answer in milliseconds on loopback. */
const TOOL_TIMEOUT_MS = 10_000;

/** `ssh-keyscan` of the test sshd: known_hosts lines "[127.0.0.1]:port <type> <key>", sorted by type. */
export async function keyscan(sshd: TestSshd, types = 'ed25519,rsa'): Promise<string> {
  const { stdout } = await run('ssh-keyscan', ['-p', String(sshd.port), '-t', types, '-T', '5', sshd.host], { timeout: TOOL_TIMEOUT_MS });
  const lines = stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length !== types.split(',').length) throw new Error(`ssh-keyscan returned ${lines.length} keys:\n${stdout}\nsshd log:\n${sshd.log()}`);
  return `${lines.sort().join('\n')}\n`;
}

/** Writes `text` to dir/name and hashes it in place with `ssh-keygen -H -f`; returns the hashed text. */
export async function hashWithSshKeygen(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  await run('ssh-keygen', ['-H', '-f', file], { timeout: TOOL_TIMEOUT_MS });
  fs.rmSync(`${file}.old`, { force: true });
  return fs.readFileSync(file, 'utf8');
}

/** `ssh-keygen -l -E sha256 -f <known_hosts>`: one fingerprint per key line, in file order. */
export async function sshKeygenFingerprints(file: string): Promise<string[]> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { timeout: TOOL_TIMEOUT_MS });
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(' ')[1]!);
}

/** The line numbers `ssh-keygen -F <name> -f <known_hosts>` reports as matching `name`. */
export async function sshKeygenFind(file: string, name: string): Promise<number[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('ssh-keygen', ['-F', name, '-f', file], { timeout: TOOL_TIMEOUT_MS }));
  } catch (err) {
    // Exit status 1 with no output: nothing found.
    const e = err as { code?: number; stdout?: string };
    if (e.code === 1 && !e.stdout) return [];
    throw err;
  }
  return [...stdout.matchAll(/^# Host \S+ found: line (\d+)/gm)].map((m) => Number(m[1]));
}

/** `ssh -G -F <config> <alias>`: what OpenSSH itself resolves, as keyword → values. */
export async function sshResolve(configFile: string, alias: string): Promise<Map<string, string[]>> {
  const { stdout } = await run('ssh', ['-G', '-F', configFile, '--', alias], { timeout: TOOL_TIMEOUT_MS });
  const out = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    const i = line.indexOf(' ');
    if (i <= 0) continue;
    const key = line.slice(0, i);
    out.set(key, [...(out.get(key) ?? []), line.slice(i + 1)]);
  }
  return out;
}

export { prng } from '../helpers/prng.ts';
