/**
 * Acceptance: recovery of a VM that fell off the network, verified by its monitors. The "VM" is a
 * network namespace running a real sshd and an HTTP server; cutting its link is the outage. The
 * built-in "Start instance (gcloud)" runbook runs a stand-in `gcloud` (an executable script found
 * through the same PATH lookup the real one would be) that brings the link back, as the cloud would
 * start a stopped instance. The runbook then waits for SSH with the pinned key and re-runs the
 * host's monitors until they are all UP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from '../../../main/recovery/builtin-runbooks.ts';
import { MemorySecretStore } from '../../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../../helpers/core-harness.ts';
import { cleanStaleNetns, createNetnsVm, requireNetnsSupport, type NetnsVm } from './netns-vm.ts';
import { call, recordRunOutput } from '../../helpers/recovery-harness.ts';
import { startSshd, type TestSshd } from '../../helpers/sshd.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';

describe('a VM recovered by a runbook and verified through its monitors (network namespace)', () => {
  let vm: NetnsVm;
  let sshd: TestSshd;
  let core: ReturnType<typeof startTestCore>;
  let output: ReturnType<typeof recordRunOutput>;
  let hostId = 0;
  const ids: number[] = [];
  const temp = makeTempDir('photon-vm-recovery-');
  const argsFile = path.join(temp.dir, 'gcloud-args');
  const bin = path.join(temp.dir, 'bin');

  before(async () => {
    await requireNetnsSupport();
    await cleanStaleNetns();
    vm = await createNetnsVm();
    sshd = await startSshd({ netns: { name: vm.netns, address: vm.address } });
    // The stand-in cloud CLI: records its arguments, then "starts the instance" by restoring its link.
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'gcloud'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\necho "Starting instance(s) $4...done."\nexec ip -n '${vm.netns}' link set '${vm.vmVeth}' up\n`,
      { mode: 0o755 },
    );
    const knownHostsFile = path.join(temp.dir, 'known_hosts');
    fs.writeFileSync(knownHostsFile, '');
    core = startTestCore(undefined, {
      secrets: new MemorySecretStore(),
      knownHostsFile,
      recoveryPollMs: 250,
      which: (program) => (fs.existsSync(path.join(bin, program)) ? path.join(bin, program) : findOnPath(program)),
    });
    output = recordRunOutput(core);
  });

  after(async () => {
    output?.stop();
    await core?.dispose();
    await sshd?.stop();
    await vm?.destroy();
    temp.cleanup();
  });

  test('the host, pinned, with a VM monitor and an http endpoint behind it, is UP', async () => {
    const host = await call(core, 'saveHost', {
      name: 'prod-vm',
      address: vm.address,
      port: sshd.port,
      user: 'root',
      auth: 'key',
      keyPath: sshd.clientKeyPath,
      cloud: { provider: 'gcloud', instance: 'prod-vm-1', zone: 'europe-west1-b' },
    });
    hostId = host.id;
    await call(core, 'pinHostKey', { hostId, fingerprint: sshd.hostKeyFingerprint });
    const vmMonitor = await call(core, 'saveMonitor', {
      name: 'vm ssh port',
      role: 'vm',
      target: { kind: 'tcp', host: vm.address, port: sshd.port },
      intervalSeconds: 300,
      timeoutSeconds: 2,
      failureThreshold: 1,
      successThreshold: 1,
    });
    const health = await call(core, 'saveMonitor', {
      name: 'vm health',
      role: 'api',
      target: { kind: 'http', url: vm.healthUrl },
      parentId: vmMonitor.id,
      intervalSeconds: 300,
      timeoutSeconds: 2,
      failureThreshold: 1,
      successThreshold: 1,
    });
    ids.push(vmMonitor.id, health.id);
    for (const id of ids) await core.monitoring.runNow(id);
    const h = (await call(core, 'listHosts', {}))[0]!;
    assert.equal(h.state.status, 'UP', h.state.detail);
    assert.deepEqual([...h.state.monitorIds].sort(), [...ids].sort(), 'both monitors belong to the host: one by address, one as its child');
  });

  test('the link is cut: the host is DOWN', async () => {
    await vm.cutLink();
    for (const id of ids) await core.monitoring.runNow(id);
    const h = (await call(core, 'listHosts', {}))[0]!;
    assert.equal(h.state.status, 'DOWN', h.state.detail);
  });

  test('the gcloud start runbook brings it back and the monitors confirm the recovery', async () => {
    const runbooks = await call(core, 'listRunbooks', { hostId });
    const start = runbooks.find((r) => r.id === 'builtin:gcloud-start')!;
    assert.equal(start.available, true, start.unavailableReason ?? '');
    const plan = await call(core, 'previewRunbook', { hostId, runbookId: start.id, params: {} });
    assert.equal(plan.commands[0]!.display, "'gcloud' 'compute' 'instances' 'start' 'prod-vm-1' '--zone' 'europe-west1-b'");

    const started = await call(core, 'startRunbook', { hostId, runbookId: start.id, params: {}, confirmation: 'yes' });
    const done = await core.recovery.finished(started.id);
    assert.equal(done.status, 'succeeded', `${done.error}\n${output.text(done.id)}`);
    assert.equal(done.recovered, true, done.verification ?? '');
    assert.match(done.verification ?? '', /all 2 monitors of the host are UP/);
    assert.deepEqual(fs.readFileSync(argsFile, 'utf8').trim().split('\n'), ['compute', 'instances', 'start', 'prod-vm-1', '--zone', 'europe-west1-b']);
    const text = output.text(done.id);
    assert.match(text, /Starting instance\(s\) prod-vm-1\.\.\.done\./);
    assert.match(text, /SSH answers with the pinned key/);
    assert.equal((await call(core, 'listHosts', {}))[0]!.state.status, 'UP');
    const audit = await call(core, 'listRuns', { hostId, runbookId: start.id });
    assert.equal(audit[0]!.recovered, true);
  });

  test('a recovery that does not bring the host back is recorded as failed and not recovered', async () => {
    await vm.cutLink();
    for (const id of ids) await core.monitoring.runNow(id);
    const noop = await call(core, 'saveRunbook', {
      hostId,
      name: 'start that does nothing',
      steps: [{ local: ['true'] }, { waitForSsh: { timeoutSeconds: 5 } }],
    });
    const started = await call(core, 'startRunbook', { hostId, runbookId: noop.id, params: {}, confirmation: 'yes' });
    const done = await core.recovery.finished(started.id);
    assert.equal(done.status, 'failed');
    assert.match(done.error ?? '', /SSH did not answer within 5 s/);
    assert.equal(done.recovered, false);
    assert.match(done.verification ?? '', /not recovered: DOWN/);
    await vm.restoreLink();
  });
});
