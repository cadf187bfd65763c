import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call, processesMatching, recordRunOutput } from '../helpers/recovery-harness.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

// Login scripts that print to stderr ("mesg: ttyname failed", motd helpers) come before the
// command's own first line; cancel must still find the process group, and the chatter still shows.
let sshd: TestSshd;
const temp = makeTempDir('photon-login-noise-');
before(async () => {
  sshd = await startSshd({ loginNoise: 'mesg: ttyname failed: Inappropriate ioctl for device' });
});
after(async () => {
  await sshd.stop();
  temp.cleanup();
});

test('a chatty login script neither hides the output nor defeats cancel', async (t) => {
  const knownHostsFile = path.join(temp.dir, 'known_hosts');
  fs.writeFileSync(knownHostsFile, '');
  const core = startTestCore(undefined, { secrets: new MemorySecretStore(), knownHostsFile });
  t.after(() => core.dispose());
  const output = recordRunOutput(core);
  t.after(() => output.stop());
  const host = await call(core, 'saveHost', { name: 'chatty', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.clientKeyPath });
  await call(core, 'pinHostKey', { hostId: host.id, fingerprint: sshd.hostKeyFingerprint });
  const marker = `photon-noise-${randomBytes(4).toString('hex')}`;
  const rb = await call(core, 'saveRunbook', { hostId: host.id, name: 'long', readOnly: true, steps: [{ remote: ['sh', '-c', 'sleep 308 & sleep 309', marker] }] });
  const started = await call(core, 'startRunbook', { hostId: host.id, runbookId: rb.id, params: {}, confirmation: 'yes' });
  const until = Date.now() + 10_000;
  while (processesMatching(marker).length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await call(core, 'cancelRun', { runId: started.id });
  const done = await core.recovery.finished(started.id);
  assert.equal(done.status, 'cancelled');
  const detail = await call(core, 'getRun', { runId: done.id });
  assert.match(detail.output, /stopped: sent SIGTERM to process group \d+ on the host/);
  assert.match(detail.output, /mesg: ttyname failed/, 'the login chatter is shown, not swallowed');
  assert.doesNotMatch(detail.output, /@@photon-pgid/, 'the marker itself is not shown');
  const gone = Date.now() + 5_000;
  while ((processesMatching(marker).length > 0 || processesMatching('sleep 30[89]').length > 0) && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual([...processesMatching(marker), ...processesMatching('sleep 30[89]')], []);
});
