// ~/.ssh/config, its Includes, known_hosts and identity files are paths a person names: a FIFO, a
// device or a directory there is refused with the file and what it is, and the core keeps answering.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { SshConfigRead } from '../../preload/schemas/hosts.ts';
import { AuthError, connect } from '../../main/ssh/index.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

test('readSshConfig: a config that is a FIFO and a known_hosts that is /dev/zero are refused by name and kind', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const core = startTestCore();
  t.after(() => core.dispose());
  const fifo = path.join(tmp.dir, 'config');
  makeFifo(fifo);
  t.after(unblockFifoLater(fifo));
  const [read, other] = await Promise.all([core.dispatch('readSshConfig', { file: fifo, knownHostsFile: '/dev/zero' }), core.dispatch('listHosts', {})]);
  assert.ok(other.ok, 'a call made meanwhile answered');
  assert.ok(read.ok, JSON.stringify(read));
  const warnings = (read.value as SshConfigRead).warnings.join('\n');
  assert.match(warnings, new RegExp(`${fifo}: ${fifo} is not a file \\(it is a FIFO \\(named pipe\\)\\)`));
  assert.match(warnings, /\/dev\/zero is a character device, not a regular file; not read/);

  const config = path.join(tmp.dir, 'config2');
  fs.writeFileSync(config, `Include ${fifo}\nInclude ${tmp.dir}/conf.d/*\nHost a\n  HostName 10.0.0.1\n`);
  fs.mkdirSync(path.join(tmp.dir, 'conf.d'));
  fs.symlinkSync('/dev/zero', path.join(tmp.dir, 'conf.d', 'zero'));
  const dir = await core.dispatch('readSshConfig', { file: config, knownHostsFile: tmp.dir });
  assert.ok(dir.ok);
  assert.deepEqual((dir.value as SshConfigRead).hosts.map((h) => h.alias), ['a']);
  const warned = (dir.value as SshConfigRead).warnings.join('\n');
  assert.match(warned, /is a directory, not a regular file/);
  // Includes, named or matched by a pattern, are refused by what they are, not reported as missing.
  assert.match(warned, new RegExp(`${config}:1: Include ${fifo}: ${fifo} is not a file \\(it is a FIFO \\(named pipe\\)\\)`));
  assert.match(warned, /config2:2: Include .*conf\.d\/\*: .*conf\.d\/zero is not a file \(it is a character device\)/);
});

test('an identity file that is a FIFO or a device is an AuthError naming it and what it is, before any connection', async (t) => {
  const tmp = makeTempDir();
  t.after(tmp.cleanup);
  const fifo = path.join(tmp.dir, 'id_ed25519');
  makeFifo(fifo);
  t.after(unblockFifoLater(fifo));
  for (const [key, kind] of [[fifo, 'a FIFO \\(named pipe\\)'], ['/dev/urandom', 'a character device']] as const) {
    const err = await connect({ host: '127.0.0.1', port: 9, user: 'x', privateKeyPath: key, expectedHostKey: null, timeoutMs: 2_000 }).then(
      () => assert.fail('connected'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AuthError, String(err));
    assert.match(err.message, new RegExp(`^private key ${key} is not a file \\(it is ${kind}\\)$`));
  }
});
