import { execFileSync, spawn } from 'node:child_process';

/** A named pipe at `file` (mkfifo). */
export function makeFifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/**
 * A safety net for tests of code that must never block on a FIFO: after `afterMs` a child opens it
 * for writing and closes it at once, which ends a reader stuck in open(2) with zero bytes, so a
 * regression fails its assertions instead of hanging the test run. The returned function ends the
 * child (call it from t.after).
 */
export function unblockFifoLater(file: string, afterMs = 3000): () => void {
  const child = spawn('sh', ['-c', `sleep ${afterMs / 1000}; : > "$1"`, 'sh', file], { stdio: 'ignore' });
  return () => {
    if (child.exitCode === null && child.pid !== undefined) child.kill();
  };
}
