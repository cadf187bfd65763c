import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findOnPath } from '../../main/recovery/builtin-runbooks.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call, callError } from '../helpers/recovery-harness.ts';
import { startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

describe('importing hosts from ~/.ssh and running read-only runbooks on a schedule', () => {
  let sshd: TestSshd;
  let core: ReturnType<typeof startTestCore>;
  const temp = makeTempDir('photon-import-');
  const config = path.join(temp.dir, 'config');
  const knownHosts = path.join(temp.dir, 'known_hosts');
  // Cloud CLIs are looked up here only, whatever this machine has installed.
  const cloudBin = path.join(temp.dir, 'cloud-bin');

  before(async () => {
    sshd = await startSshd();
    fs.writeFileSync(
      config,
      [
        'Host prod',
        `  HostName ${sshd.host}`,
        `  Port ${sshd.port}`,
        '  User root',
        `  IdentityFile ${sshd.clientKeyPath}`,
        '',
        'Host staging',
        '  HostName staging.internal',
        '  User deploy',
        '',
        'Host behind-bastion',
        '  HostName 10.0.0.7',
        '  ProxyJump bastion',
        '',
        'Host *',
        '  ServerAliveInterval 30',
        '',
      ].join('\n'),
    );
    // A hashed entry, as `HashKnownHosts yes` writes them: the name is not readable in the file.
    const pub = fs.readFileSync(path.join(sshd.dir, 'host_ed25519.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    fs.writeFileSync(knownHosts, `[${sshd.host}]:${sshd.port} ${pub}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', knownHosts], { stdio: 'ignore' });
    fs.rmSync(`${knownHosts}.old`, { force: true });
    assert.match(fs.readFileSync(knownHosts, 'utf8'), /^\|1\|/, 'the fixture is hashed');
    fs.mkdirSync(cloudBin);
    core = startTestCore(undefined, {
      secrets: new MemorySecretStore(),
      knownHostsFile: knownHosts,
      recoveryPollMs: 100,
      which: (program) => (['aws', 'gcloud'].includes(program) ? findOnPath(program, cloudBin) : findOnPath(program)),
    });
  });
  after(async () => {
    await core.dispose();
    await sshd.stop();
    temp.cleanup();
  });

  test('reading the config lists its hosts with their known_hosts keys (hashed entries too) and problems; nothing changes', async () => {
    const read = await call(core, 'readSshConfig', { file: config, knownHostsFile: knownHosts });
    assert.deepEqual(
      read.hosts.map((h) => h.alias),
      ['prod', 'staging', 'behind-bastion'],
    );
    const prod = read.hosts[0]!;
    assert.equal(prod.address, sshd.host);
    assert.equal(prod.port, sshd.port);
    assert.equal(prod.identityFile, sshd.clientKeyPath);
    assert.deepEqual(
      prod.knownHostKeys.map((k) => k.fingerprint),
      [sshd.hostKeyFingerprint],
    );
    assert.match(read.hosts[2]!.issues.join('\n'), /ProxyJump bastion is not supported/);
    assert.deepEqual(await call(core, 'listHosts', {}), []);
  });

  test('importing creates profiles; trusting known_hosts pins its key; unsupported hosts are skipped with a reason', async () => {
    const result = await call(core, 'importSshHosts', {
      file: config,
      knownHostsFile: knownHosts,
      aliases: ['prod', 'staging', 'behind-bastion', 'missing'],
      trustKnownHosts: true,
    });
    assert.deepEqual(
      result.imported.map((h) => [h.name, h.auth, h.user, h.pin?.fingerprint ?? null]),
      [
        ['prod', 'key', 'root', sshd.hostKeyFingerprint],
        ['staging', 'agent', 'deploy', null],
      ],
    );
    assert.deepEqual(result.skipped, [
      { alias: 'behind-bastion', reason: 'ProxyJump is not supported' },
      { alias: 'missing', reason: `no Host missing in ${config}` },
    ]);
    assert.match(result.imported[0]!.source, /^ssh-config .*config:1$/);
    const again = await call(core, 'importSshHosts', { file: config, knownHostsFile: knownHosts, aliases: ['prod'] });
    assert.deepEqual(again.skipped, [{ alias: 'prod', reason: 'a host named prod already exists' }]);

    const prod = result.imported[0]!;
    assert.equal((await call(core, 'checkHostKey', { hostId: prod.id })).decision, 'trusted');
    const run = await call(core, 'startRunbook', { hostId: prod.id, runbookId: 'builtin:diagnose', params: {}, confirmation: 'yes' });
    assert.equal((await core.recovery.finished(run.id)).status, 'succeeded');
  });

  test('a config file that is not there is reported, not thrown', async () => {
    const read = await call(core, 'readSshConfig', { file: path.join(temp.dir, 'nope') });
    assert.deepEqual(read.hosts, []);
    assert.match(read.warnings.join('\n'), /nope/);
    const e = await callError(core, 'importSshHosts', { file: path.join(temp.dir, 'nope'), aliases: ['prod'] });
    assert.equal(e.code, 'INVALID_INPUT');
    assert.equal(e.field, 'file');
  });

  test('a read-only runbook with a schedule runs unattended, and its record says so', async () => {
    const prod = (await call(core, 'listHosts', {})).find((h) => h.name === 'prod')!;
    const rb = await call(core, 'saveRunbook', { hostId: prod.id, name: 'evidence', readOnly: true, schedule: 'every 1h', steps: [{ remote: ['uptime'] }] });
    // The schedule loop looks for due runbooks a few seconds after start, then every 30 s.
    const until = Date.now() + 20_000;
    let runs = await call(core, 'listRuns', { trigger: 'schedule' });
    while (runs.length === 0 || runs[0]!.status === 'running') {
      if (Date.now() > until) throw new Error('the scheduled runbook did not run');
      await new Promise((r) => setTimeout(r, 200));
      runs = await call(core, 'listRuns', { trigger: 'schedule' });
    }
    assert.equal(runs[0]!.runbookId, rb.id);
    assert.equal(runs[0]!.status, 'succeeded');
    const listed = (await call(core, 'listRunbooks', { hostId: prod.id })).find((r) => r.id === rb.id)!;
    assert.ok(listed.nextRunAt !== null && listed.nextRunAt - runs[0]!.startedAt >= 3_590_000, 'next run an hour after this one');
    const loop = (await call(core, 'listLoops', {})).find((l) => l.name === 'runbook-schedule')!;
    assert.ok(loop.runs >= 1 && loop.errors === 0, JSON.stringify(loop));
  });

  test('a cloud action is offered only when its CLI is installed', async () => {
    const h = await call(core, 'saveHost', { name: 'gce', address: sshd.host, port: sshd.port, user: 'root', auth: 'agent', cloud: { provider: 'aws', instanceId: 'i-0123456789abcdef0', region: 'eu-west-1' } });
    const awsStart = async () => (await call(core, 'listRunbooks', { hostId: h.id })).find((r) => r.id === 'builtin:aws-start')!;
    const missing = await awsStart();
    assert.equal(missing.available, false);
    assert.equal(missing.unavailableReason, 'aws is not installed (not found on PATH)');
    const e = await callError(core, 'previewRunbook', { hostId: h.id, runbookId: 'builtin:aws-start', params: {} });
    assert.equal(e.code, 'UNAVAILABLE');
    assert.equal((await callError(core, 'startRunbook', { hostId: h.id, runbookId: 'builtin:aws-start', params: {}, confirmation: 'yes' })).code, 'UNAVAILABLE');

    fs.writeFileSync(path.join(cloudBin, 'aws'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    assert.equal((await awsStart()).available, true);
    const plan = await call(core, 'previewRunbook', { hostId: h.id, runbookId: 'builtin:aws-start', params: {} });
    assert.equal(plan.commands[0]!.display, "'aws' 'ec2' 'start-instances' '--instance-ids' 'i-0123456789abcdef0' '--region' 'eu-west-1'");
  });
});
