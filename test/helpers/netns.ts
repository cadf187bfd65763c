import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CheckResult } from '../../main/monitors/checks/check-kind.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNER = fileURLToPath(new URL('./netns-runner.ts', import.meta.url));

/**
 * Runs a scenario of netns-runner.ts in a new, private network namespace (`unshare --net`, which
 * needs root: CI runs as root). The namespace disappears with the process, so there is nothing to
 * clean up, and no packet sent in it can reach another machine.
 */
export async function runInNetns(scenario: string, arg?: string): Promise<{ result: CheckResult; ms: number }> {
  const args = ['--net', '--', process.execPath, '--import', 'tsx', RUNNER, scenario, ...(arg === undefined ? [] : [arg])];
  let stdout: string;
  try {
    ({ stdout } = await run('unshare', args, { cwd: ROOT, timeout: 20_000 }));
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(
      `could not run "${scenario}" in a network namespace (this test needs root and unshare from util-linux): ${e.stderr?.trim() || e.message}`,
    );
  }
  return JSON.parse(stdout) as { result: CheckResult; ms: number };
}
