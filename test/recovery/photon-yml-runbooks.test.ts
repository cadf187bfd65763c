import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { call } from '../helpers/recovery-harness.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

describe('runbooks in photon.yml', () => {
  let core: ReturnType<typeof startTestCore>;
  let projectId = '';
  let hostId = 0;
  const repo = makeTempDir('photon-yml-runbooks-');
  const write = (text: string) => fs.writeFileSync(path.join(repo.dir, 'photon.yml'), text);

  before(async () => {
    core = startTestCore(undefined, { secrets: new MemorySecretStore() });
    projectId = (await call(core, 'addProject', { name: 'shop', repoPath: repo.dir })).id;
    hostId = (await call(core, 'saveHost', { name: 'prod-vm', address: '127.0.0.1', port: 22, user: 'deploy', auth: 'agent' })).id;
    const other = await call(core, 'addProject', { name: 'other' });
    await call(core, 'saveHost', { name: 'other-vm', projectId: other.id, address: '127.0.0.2', port: 22, user: 'deploy', auth: 'agent' });
  });
  after(async () => {
    await core.dispose();
    repo.cleanup();
  });

  test('are imported for the host they name, with typed parameters and their file:line as source', async () => {
    write(`monitors:
  - name: api
    kind: tcp
    host: 127.0.0.1
    port: 1
runbooks:
  - name: Tail app log
    host: prod-vm
    readOnly: true
    timeout: 2m
    params:
      - { type: number, name: lines, min: 1, max: 1000, default: 100 }
    steps:
      - remote: [journalctl, -u, app.service, -n, "{{lines}}", --no-pager]
  - name: Daily evidence
    host: prod-vm
    readOnly: true
    schedule: daily 06:00
    steps:
      - remote: [uptime]
`);
    const result = await call(core, 'importProjectConfig', { projectId });
    assert.deepEqual(result.problems, []);
    assert.equal(result.runbooks, 2);
    const custom = (await call(core, 'listRunbooks', { hostId })).filter((r) => !r.builtin);
    assert.deepEqual(
      custom.map((r) => [r.name, r.source.replace(repo.dir, '<repo>'), r.schedule]),
      [
        ['Tail app log', '<repo>/photon.yml:7', null],
        ['Daily evidence', '<repo>/photon.yml:15', 'daily 06:00'],
      ],
    );
    const plan = await call(core, 'previewRunbook', { hostId, runbookId: custom[0]!.id, params: { lines: 20 } });
    assert.equal(plan.commands[0]!.display, "'journalctl' '-u' 'app.service' '-n' '20' '--no-pager'");
    assert.equal(plan.timeoutSeconds, 120);
  });

  test('a re-import replaces the file’s runbooks; mistakes are reported with file and line and nothing changes', async () => {
    write(`runbooks:
  - name: Only one now
    host: prod-vm
    steps:
      - remote: [uptime]
`);
    assert.equal((await call(core, 'importProjectConfig', { projectId })).runbooks, 1);
    assert.deepEqual(
      (await call(core, 'listRunbooks', { hostId })).filter((r) => !r.builtin).map((r) => r.name),
      ['Only one now'],
    );

    const cases: Array<[string, RegExp]> = [
      ['runbooks:\n  - name: x\n    host: nowhere\n    steps: [{ remote: [uptime] }]\n', /:2:1 runbook "x": no host profile named "nowhere"/],
      ['runbooks:\n  - name: x\n    host: prod-vm\n    steps: [{ shell: "rm -rf /" }]\n', /:4:\d+ each step must be one of/],
      ['runbooks:\n  - name: x\n    host: prod-vm\n    schedule: daily 04:00\n    steps: [{ remote: [reboot] }]\n', /:2:1 runbook "x": schedule: only read-only runbooks may run on a schedule/],
      ['runbooks:\n  - name: x\n    host: prod-vm\n    params: [{ type: string, name: p }]\n    steps: [{ remote: ["{{p}}"] }]\n', /steps\.0\.remote\.0: the program \(first element\) cannot come from a parameter/],
      ['runbooks:\n  - name: x\n    host: prod-vm\n    timeout: soon\n    steps: [{ remote: [uptime] }]\n', /:4:\d+ timeout must be a duration like 5m/],
      ['runbooks: yes\n', /runbooks must be a list/],
      ['runbooks:\n  - name: x\n    host: other-vm\n    steps: [{ remote: [uptime] }]\n', /:2:1 runbook "x": host "other-vm" belongs to another project/],
    ];
    for (const [text, message] of cases) {
      write(text);
      const result = await call(core, 'importProjectConfig', { projectId });
      assert.equal(result.runbooks, 0);
      const shown = result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n');
      assert.match(shown, message);
      assert.deepEqual(
        (await call(core, 'listRunbooks', { hostId })).filter((r) => !r.builtin).map((r) => r.name),
        ['Only one now'],
        'a file with a mistake changes nothing',
      );
    }
  });
});
