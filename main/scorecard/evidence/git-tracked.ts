import { execFile } from 'node:child_process';

/**
 * Settings that keep git from running anything the assessed repository configures: its
 * .git/config is untrusted input, and `core.fsmonitor` (or a hook, a pager) there is a command.
 * Command-line `-c` settings override every configuration file.
 */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '-c', 'core.untrackedCache=false'];

/** The environment git runs in: no system config, no prompts, no pager, no GIT_DIR & co. inherited. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', PAGER: 'cat' };
}

/**
 * .env files git tracks in the repository, or null when it is not a git work tree (or git is
 * missing). Asks git itself: only it knows what is committed, whatever .gitignore says now.
 */
export function trackedEnvFiles(repoDir: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['--no-pager', ...SAFE_CONFIG, '-C', repoDir, 'ls-files', '-z', '--', '.env', '.env.*', '*/.env', '*/.env.*', '*.env'],
      { timeout: 10_000, maxBuffer: 4 * 1024 * 1024, env: gitEnv(), shell: false, windowsHide: true },
      (err, stdout) => resolve(err ? null : stdout.split('\0').filter(Boolean)),
    );
  });
}
