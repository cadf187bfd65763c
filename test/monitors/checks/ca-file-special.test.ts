// A caFile is a path a person typed: a FIFO, a device, a directory or a huge file there is refused
// with the file and the reason, at once, and the check never reaches the network with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG } from '../../../main/core/config.ts';
import { httpCheck } from '../../../main/monitors/checks/http.ts';
import { tlsCheck } from '../../../main/monitors/checks/tls.ts';
import { makeFifo, unblockFifoLater } from '../../helpers/special-files.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { ctx, target } from './check-harness.ts';

const tls = (caFile: string) => tlsCheck.run(target('tls', { host: '127.0.0.1', port: 9, caFile }), ctx());
const https = (caFile: string) => httpCheck.run(target('http', { url: 'https://127.0.0.1:9/', caFile }), ctx());

test('a caFile that is a FIFO is refused, not waited on, while the event loop keeps turning', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const fifo = path.join(tmp.dir, 'ca.pem');
  makeFifo(fifo);
  t.after(unblockFifoLater(fifo));
  const [a, b, other] = await Promise.all([tls(fifo), https(fifo), new Promise<string>((r) => setTimeout(() => r('answered'), 1))]);
  assert.equal(other, 'answered', 'a timer set meanwhile fired');
  for (const r of [a, b]) {
    assert.equal(r.reached, false);
    assert.equal(r.message, `caFile ${fifo} is a FIFO (named pipe), not a regular file; not read`);
  }
});

test('a caFile that is /dev/zero, a directory or oversized is refused with the reason', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const big = path.join(tmp.dir, 'big.pem');
  fs.writeFileSync(big, 'x'.repeat(CONFIG.files.caFileBytes + 1));
  const cases: Array<[string, RegExp]> = [
    ['/dev/zero', /^caFile \/dev\/zero is a character device, not a regular file; not read$/],
    [tmp.dir, /is a directory, not a regular file/],
    [big, new RegExp(`big\\.pem is ${CONFIG.files.caFileBytes + 1} bytes, over the limit of ${CONFIG.files.caFileBytes} bytes`)],
  ];
  for (const [file, message] of cases) {
    const r = await tls(file);
    assert.equal(r.reached, false);
    assert.match(r.message, message);
  }
});
