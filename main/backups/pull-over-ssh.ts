import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { RemoteTargetInput } from '../../preload/schemas/backups.ts';
import { connect, remoteFileWord, runScript, type SshConnection } from '../ssh/index.ts';
import { fsyncFile, removeIfExists, renameDurably } from './durable-file.ts';

export interface PullResult {
  sizeBytes: number;
  sha256: string;
  durationMs: number;
}

export type PullProgress = (bytes: number, total: number | null) => void;

const CONNECT_TIMEOUT_MS = 15_000;
const STDERR_BYTES = 4_096;

/**
 * Pulls one backup from a host into `file`: a remote file streamed with `cat`, or a command's
 * standard output. Bytes are hashed as they arrive and written to `file.partial`, which becomes
 * `file` only after the remote side exited 0 and the copy was fsynced — a failed or cut transfer
 * never looks like a backup.
 */
export async function pullOverSsh(target: RemoteTargetInput, file: string, options: { signal?: AbortSignal; onProgress?: PullProgress; timeoutMs?: number } = {}): Promise<PullResult> {
  const started = performance.now();
  const conn = await connect({
    host: target.host,
    port: target.port,
    user: target.user,
    expectedHostKey: target.hostKey,
    ...(target.privateKeyPath !== undefined && { privateKeyPath: target.privateKeyPath }),
    useAgent: target.useAgent,
    timeoutMs: CONNECT_TIMEOUT_MS,
    ...(options.signal && { signal: options.signal }),
  });
  const partial = `${file}.partial`;
  try {
    let total: number | null = null;
    if (target.source.kind === 'file') {
      // Size first, for progress; a missing or unreadable file fails here with a clear message.
      const size = await runScript(conn, `wc -c < ${remoteFileWord(target.source.path)}`, { timeoutMs: CONNECT_TIMEOUT_MS, ...(options.signal && { signal: options.signal }) });
      if (size.exitCode !== 0) throw new Error(`cannot read ${target.source.path} on ${target.host}: ${size.stderr.trim().split('\n')[0] || `exit code ${size.exitCode}`}`);
      total = Number(size.stdout.trim()) || null;
    }
    const command = remoteCommandOf(target);
    const { sizeBytes, sha256 } = await streamCommand(conn, command, partial, total, options);
    // An empty backup is no backup: a dump that failed quietly, or a file truncated on the host.
    if (sizeBytes === 0) throw new Error(target.source.kind === 'file' ? `the remote file is empty: ${target.source.path} on ${target.host} has 0 bytes` : `the command wrote nothing to standard output on ${target.host}`);
    if (total !== null && sizeBytes !== total) throw new Error(`${target.source.kind === 'file' ? target.source.path : 'the command'} changed during the copy: expected ${total} bytes, got ${sizeBytes}`);
    fsyncFile(partial);
    renameDurably(partial, file);
    return { sizeBytes, sha256, durationMs: performance.now() - started };
  } catch (err) {
    removeIfExists(partial);
    throw err;
  } finally {
    await conn.close();
  }
}

function streamCommand(
  conn: SshConnection,
  command: string,
  partial: string,
  total: number | null,
  options: { signal?: AbortSignal; onProgress?: PullProgress; timeoutMs?: number },
): Promise<{ sizeBytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(partial, { mode: 0o600 });
    // A missing or unwritable local folder, or a full disk: a failed pull naming the file, never a crash.
    out.on('error', (e: NodeJS.ErrnoException) => fail(new Error(`cannot write the local copy ${partial}: ${e.message}`)));
    const hash = createHash('sha256');
    let sizeBytes = 0;
    let stderr = '';
    let exitCode: number | null = null;
    let settled = false;
    let lastReport = 0;
    const onAbort = () => fail(new Error('the transfer was cancelled'));
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      out.destroy();
      reject(err);
    };
    const timeoutMs = options.timeoutMs ?? 6 * 3_600_000;
    const timer = setTimeout(() => fail(new Error(`the transfer took longer than ${Math.round(timeoutMs / 60_000)} min and was stopped`)), timeoutMs);
    // The signal lives as long as the service: the listener is removed when this transfer settles.
    if (options.signal?.aborted) {
      fail(new Error('the transfer was cancelled'));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    conn.client.exec(command, (err, channel) => {
      if (err) return fail(new Error(`cannot start the backup command on ${conn.host}: ${err.message}`));
      channel.on('data', (chunk: Buffer) => {
        if (settled) return;
        hash.update(chunk);
        sizeBytes += chunk.length;
        // Backpressure: stop reading from SSH while the disk catches up.
        if (!out.write(chunk)) {
          (channel as unknown as { pause(): void }).pause();
          out.once('drain', () => (channel as unknown as { resume(): void }).resume());
        }
        if (sizeBytes - lastReport >= 256 * 1024) {
          lastReport = sizeBytes;
          options.onProgress?.(sizeBytes, total);
        }
      });
      channel.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < STDERR_BYTES) stderr += chunk.toString('utf8');
      });
      channel.on('exit', (code) => (exitCode = typeof code === 'number' ? code : null));
      channel.on('error', (e: Error) => fail(e));
      channel.on('close', () => {
        if (settled) return;
        out.end(() => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          if (exitCode !== 0) {
            const why = stderr.trim().split('\n')[0] || (exitCode === null ? 'the connection closed before it finished' : `exit code ${exitCode}`);
            reject(new Error(`the backup command failed on ${conn.host}: ${why}`));
            return;
          }
          options.onProgress?.(sizeBytes, total);
          resolve({ sizeBytes, sha256: hash.digest('hex') });
        });
      });
      channel.end();
    });
  });
}

/** For messages and tests: the exact remote command a target runs. */
export function remoteCommandOf(target: RemoteTargetInput): string {
  return target.source.kind === 'file' ? `exec cat -- ${remoteFileWord(target.source.path)}` : target.source.command;
}

