import { execFile } from 'node:child_process';

/**
 * .env files git tracks in the repository, or null when it is not a git work tree (or git is
 * missing). Asks git itself: only it knows what is committed, whatever .gitignore says now.
 */
export function trackedEnvFiles(repoDir: string): Promise<string[] | null> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', repoDir, 'ls-files', '-z', '--', '.env', '.env.*', '*/.env', '*/.env.*', '*.env'],
      { timeout: 10_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (err, stdout) => resolve(err ? null : stdout.split('\0').filter(Boolean)),
    );
  });
}
