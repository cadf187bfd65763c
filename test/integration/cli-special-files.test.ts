// The CLI meets the same files as the console: `photon check --ca` with a FIFO or a device is DOWN
// at once with the file and the reason (exit 1), never a hang or a flood. Uses the built CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const BIN = path.resolve('bin/photon.mjs');
const photon = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 20_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

test('photon check tls --ca FIFO or /dev/zero: DOWN, naming the file and what it is, exit 1', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const fifo = path.join(tmp.dir, 'ca.pem');
  makeFifo(fifo);
  t.after(unblockFifoLater(fifo, 10_000));
  for (const [ca, kind] of [[fifo, 'a FIFO \\(named pipe\\)'], ['/dev/zero', 'a character device']] as const) {
    const r = await photon('check', 'tls', '127.0.0.1:9', '--ca', ca);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /^DOWN/);
    assert.match(r.stdout, new RegExp(`caFile ${ca} is ${kind}, not a regular file; not read`));
  }
});
