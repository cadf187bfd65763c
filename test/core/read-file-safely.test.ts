// The one way to read a file by path: regular files only, capped, never blocking, and for a
// repository never through a link that leaves it. Every refusal names the file and the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  FileReadError,
  readRegularFile,
  readRegularFileSync,
  readRegularText,
  resolveInside,
  resolveInsideSync,
  type FileReadErrorCode,
} from '../../main/core/read-file-safely.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const refusal = (code: FileReadErrorCode, message: RegExp) => (e: unknown) => e instanceof FileReadError && e.code === code && message.test(e.message);

test('a regular file is read whole; one over the cap, a directory or a missing file is refused by name', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const file = path.join(tmp.dir, 'a.txt');
  fs.writeFileSync(file, 'hello');
  assert.equal(await readRegularText(file, { maxBytes: 5 }), 'hello');
  assert.equal(readRegularFileSync(file, { maxBytes: 5 }).toString(), 'hello');
  for (const read of [(f: string, o: { maxBytes: number; label?: string }) => readRegularFile(f, o), async (f: string, o: { maxBytes: number; label?: string }) => readRegularFileSync(f, o)]) {
    await assert.rejects(read(file, { maxBytes: 4, label: 'caFile' }), refusal('TOO_LARGE', new RegExp(`^caFile ${file} is 5 bytes, over the limit of 4 bytes; not read$`)));
    await assert.rejects(read(tmp.dir, { maxBytes: 4 }), refusal('NOT_REGULAR_FILE', /is a directory, not a regular file/));
    await assert.rejects(read(path.join(tmp.dir, 'nope'), { maxBytes: 4 }), refusal('NOT_FOUND', /nope does not exist$/));
  }
});

test('a FIFO is refused without waiting for a writer, and the event loop turns meanwhile (async and sync)', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const fifo = path.join(tmp.dir, 'pipe');
  makeFifo(fifo);
  t.after(unblockFifoLater(fifo));
  const timer = new Promise<string>((r) => setTimeout(() => r('timer fired'), 1));
  const [refused, other] = await Promise.all([readRegularFile(fifo, { maxBytes: 100 }).then(() => null, (e: unknown) => e), timer]);
  assert.equal(other, 'timer fired');
  assert.ok(refused instanceof FileReadError && refused.code === 'NOT_REGULAR_FILE', String(refused));
  assert.equal(refused.message, `${fifo} is a FIFO (named pipe), not a regular file; not read`);
  assert.throws(() => readRegularFileSync(fifo, { maxBytes: 100 }), refusal('NOT_REGULAR_FILE', /FIFO/));
});

test('devices are refused before a byte is read; a /proc file (size 0 in stat) is read up to the cap', async () => {
  await assert.rejects(readRegularFile('/dev/zero', { maxBytes: 1024 }), refusal('NOT_REGULAR_FILE', /^\/dev\/zero is a character device/));
  assert.throws(() => readRegularFileSync('/dev/urandom', { maxBytes: 1024 }), refusal('NOT_REGULAR_FILE', /character device/));
  assert.match(await readRegularText('/proc/self/status', { maxBytes: 64 * 1024 }), /^Name:/);
  await assert.rejects(readRegularFile('/proc/self/status', { maxBytes: 10 }), refusal('TOO_LARGE', /is larger than the limit of 10 bytes/));
});

test('noFollow refuses a link as the last component; resolveInside refuses links and .. out of the root', async (t) => {
  const repo = makeTempDir();
  t.after(repo.cleanup);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  fs.writeFileSync(path.join(outside.dir, 'secret'), 'secret');
  fs.writeFileSync(path.join(repo.dir, 'real.yml'), 'ok');
  fs.symlinkSync('real.yml', path.join(repo.dir, 'inside.yml'));
  fs.symlinkSync(path.join(outside.dir, 'secret'), path.join(repo.dir, 'out.yml'));
  fs.symlinkSync(outside.dir, path.join(repo.dir, 'outdir'));

  await assert.rejects(readRegularFile(path.join(repo.dir, 'inside.yml'), { maxBytes: 10, noFollow: true }), refusal('SYMLINK', /is a symbolic link; not followed/));
  const real = await resolveInside(repo.dir, 'inside.yml');
  assert.equal(real, fs.realpathSync(path.join(repo.dir, 'real.yml')));
  assert.equal(await readRegularText(real, { maxBytes: 10, noFollow: true }), 'ok');
  for (const rel of ['out.yml', 'outdir/secret', `../${path.basename(outside.dir)}/secret`, '/etc/passwd']) {
    await assert.rejects(resolveInside(repo.dir, rel), refusal('OUTSIDE_ROOT', /leads outside .* not read$/), rel);
    assert.throws(() => resolveInsideSync(repo.dir, rel), refusal('OUTSIDE_ROOT', /leads outside/), rel);
  }
});
