import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../preload/contract.ts';
import { filesContaining, startKeyringSession, type KeyringSession } from '../helpers/keyring-session.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';
import { PASSWORD_USER, startSshd, type TestSshd } from '../helpers/sshd.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

async function http<M extends MethodName>(serve: ServeProcess, method: M, input: MethodInput<M>): Promise<Envelope<MethodResult<M>>> {
  const res = await fetch(`${serve.baseUrl}api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Envelope<MethodResult<M>>;
}

async function ok<M extends MethodName>(serve: ServeProcess, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const env = await http(serve, method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
  return env.value;
}

async function runToEnd(serve: ServeProcess, hostId: number, runbookId: string) {
  const started = await ok(serve, 'startRunbook', { hostId, runbookId, params: {}, confirmation: 'yes' });
  for (let i = 0; i < 300; i++) {
    const run = await ok(serve, 'getRun', { runId: started.id });
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${started.id} did not finish`);
}

describe('credentials in the OS keychain, through the shipped photon serve', () => {
  let keyring: KeyringSession;
  let sshd: TestSshd;
  let serve: ServeProcess;
  const temp = makeTempDir('photon-vault-serve-');
  const dataDir = path.join(temp.dir, 'data');
  const token = `tok_${randomBytes(16).toString('hex')}`;
  const exportFile = path.join(temp.dir, 'export.json');

  before(async () => {
    keyring = await startKeyringSession('unlocked-keyring');
    sshd = await startSshd({ passwordUser: true });
    serve = await startServe({ dataDir, env: keyring.env });
  });
  after(async () => {
    await serve.stop();
    await sshd.stop();
    await keyring.stop();
    temp.cleanup();
  });

  test('a password, a passphrase and a token are stored, used to log in, and found nowhere but the keychain', async () => {
    await ok(serve, 'updateSettings', { theme: 'dark' }); // so that a settings file exists to be searched
    const status = await ok(serve, 'getVaultStatus', {});
    assert.equal(status.available, true, status.reason ?? '');
    assert.match(status.backend, /keychain/i);

    const password = await ok(serve, 'setSecret', { kind: 'ssh-password', label: `password for ${PASSWORD_USER}`, value: sshd.password! });
    const passphrase = await ok(serve, 'setSecret', { kind: 'key-passphrase', label: 'deploy key', value: sshd.clientKeyPassphrase });
    const apiToken = await ok(serve, 'setSecret', { kind: 'api-token', label: 'agent registry', value: token });
    for (const info of [password, passphrase, apiToken]) assert.deepEqual(Object.keys(info).sort(), ['createdAt', 'kind', 'label', 'ref', 'updatedAt', 'usedBy']);
    assert.deepEqual((await ok(serve, 'testSecret', { ref: apiToken.ref })).present, true);

    const pwHost = await ok(serve, 'saveHost', { name: 'pw-host', address: sshd.host, port: sshd.port, user: PASSWORD_USER, auth: 'password', secretRef: password.ref });
    const keyHost = await ok(serve, 'saveHost', { name: 'key-host', address: sshd.host, port: sshd.port, user: 'root', auth: 'key', keyPath: sshd.encryptedClientKeyPath, secretRef: passphrase.ref });
    for (const h of [pwHost, keyHost]) {
      await ok(serve, 'pinHostKey', { hostId: h.id, fingerprint: sshd.hostKeyFingerprint });
      const run = await runToEnd(serve, h.id, 'builtin:diagnose');
      assert.equal(run.status, 'succeeded', `${h.name}: ${run.error}`);
    }

    // Everything the API would let a person save or export.
    const exported = {
      secrets: await ok(serve, 'listSecrets', {}),
      hosts: await ok(serve, 'listHosts', {}),
      runs: await ok(serve, 'listRuns', {}),
      details: await Promise.all((await ok(serve, 'listRuns', {})).map((r) => ok(serve, 'getRun', { runId: r.id }))),
      info: await ok(serve, 'getAppInfo', {}),
      settings: await ok(serve, 'getSettings', {}),
    };
    fs.writeFileSync(exportFile, JSON.stringify(exported, null, 2));
    await serve.stop();

    const needles = [sshd.password!, sshd.clientKeyPassphrase, token];
    assert.deepEqual(filesContaining([dataDir, exportFile], needles), [], 'a secret leaked into the data directory, settings or export');
    for (const [i, n] of needles.entries()) assert.ok(!serve.output().includes(n), `secret #${i} appears in the process's log output`);
    assert.ok(fs.existsSync(path.join(dataDir, 'settings.json')), 'the settings file was part of the search');

    // And they really are in the keychain, under opaque refs.
    const found = await keyring.secretTool(['search', '--all', 'service', 'photon-console']);
    for (const ref of [password.ref, passphrase.ref, apiToken.ref]) assert.ok(found.stdout.includes(ref) || found.stderr.includes(ref), `${ref} is not in the keychain`);
    serve = await startServe({ dataDir, env: keyring.env });
  });

  test('replace and delete go to the keychain too; a deleted secret is gone from it', async () => {
    const [token] = (await ok(serve, 'listSecrets', {})).filter((s) => s.kind === 'api-token');
    await ok(serve, 'replaceSecret', { ref: token!.ref, value: 'tok_replacement_value_0001' });
    await ok(serve, 'deleteSecret', { ref: token!.ref });
    assert.equal((await ok(serve, 'listSecrets', {})).some((s) => s.ref === token!.ref), false);
    const found = await keyring.secretTool(['search', '--all', 'service', 'photon-console']);
    assert.ok(!`${found.stdout}${found.stderr}`.includes(token!.ref));
    const gone = await http(serve, 'testSecret', { ref: token!.ref });
    assert.equal(gone.ok ? 'ok' : gone.error.code, 'NOT_FOUND');
  });
});

describe('without a keychain', () => {
  let keyring: KeyringSession;
  let serve: ServeProcess;
  const temp = makeTempDir('photon-vault-none-');

  before(async () => {
    keyring = await startKeyringSession('no-bus');
    serve = await startServe({ dataDir: temp.dir, env: keyring.env });
  });
  after(async () => {
    await serve.stop();
    await keyring.stop();
    temp.cleanup();
  });

  test('the app says so plainly and stores nothing, in plain text or otherwise', async () => {
    const status = await ok(serve, 'getVaultStatus', {});
    assert.equal(status.available, false);
    assert.match(status.reason ?? '', /No OS keychain is reachable.*will not store secrets in plain text/s);
    const value = `pw_${randomBytes(8).toString('hex')}`;
    const refused = await http(serve, 'setSecret', { kind: 'ssh-password', label: 'x', value });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'UNAVAILABLE');
    assert.deepEqual(await ok(serve, 'listSecrets', {}), []);
    await serve.stop();
    assert.deepEqual(filesContaining([temp.dir], [value]), []);
    serve = await startServe({ dataDir: temp.dir, env: keyring.env });
  });
});
