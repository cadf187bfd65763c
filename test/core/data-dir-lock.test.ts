import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../helpers/temp-dir.ts';

const LOCK_MODULE = fileURLToPath(new URL('../../main/core/data-dir-lock.ts', import.meta.url));

// Another user's live console (e.g. `sudo photon serve` on this data directory) leaves a lock file
// this user cannot read. That is a held lock, not a stale one: taking it over would run two engines
// on one store. The second process runs as `nobody`, because root reads every file.
test('a lock file this user may not read is held by someone else: refused by name, never taken over', (t) => {
  const { dir, cleanup } = makeTempDir('photon-lock-');
  t.after(cleanup);
  fs.chmodSync(dir, 0o777);
  const lock = path.join(dir, 'photon.lock');
  fs.writeFileSync(lock, `${process.pid}\n`, { mode: 0o600 });

  const script = `import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
try { acquireDataDirLock(${JSON.stringify(dir)}); console.log('TOOK'); } catch (e) { console.log('REFUSED ' + e.message); }`;
  const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, HOME: dir },
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^REFUSED .*in use by another Photon Console \(.*photon\.lock belongs to another user\)/m);
  assert.equal(fs.readFileSync(lock, 'utf8'), `${process.pid}\n`, 'the owner’s lock file is untouched');
});
