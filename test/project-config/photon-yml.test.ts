import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { MethodResult, Overview, Project } from '../../preload/contract.ts';
import { readPhotonYml } from '../../main/project-config/read-photon-yml.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { controllableGuard, fakeRegistry } from '../helpers/fake-checks.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const GOOD = `# Production of the shop
environment:
  domain: shop.example.test
  vmAddress: 10.9.8.7
  provider: GCP
  region: us-central1-a
  instanceType: e2-micro
  monthlyCost: "$0"
monitors:
  - name: prod-vm
    kind: ping
    host: 10.9.8.7
    interval: 30s
    role: vm
  - name: api-health
    kind: http
    url: https://shop.example.test/health
    dependsOn: prod-vm
    role: api
    conditions:
      - "[STATUS] == 200"
      - "[RESPONSE_TIME] < 300"
    metric:
      name: error rate
      source: "[BODY].errors.rate"
  - name: dmarc
    kind: dns
    query: _dmarc.shop.example.test
    recordType: TXT
    conditions: ['[BODY] == pat(*v=DMARC1*)']
`;

test('a valid photon.yml gives definitions with their lines, durations in seconds and dependencies by name', () => {
  const config = readPhotonYml(GOOD, '/repo/photon.yml');
  assert.deepEqual(config.problems, []);
  assert.deepEqual(config.environment, {
    domain: 'shop.example.test',
    vmAddress: '10.9.8.7',
    provider: 'GCP',
    region: 'us-central1-a',
    instanceType: 'e2-micro',
    monthlyCost: '$0',
  });
  assert.deepEqual(
    config.monitors.map((m) => [m.definition.name, m.line, m.definition.intervalSeconds, m.dependsOn]),
    [
      ['prod-vm', 10, 30, null],
      ['api-health', 15, 60, 'prod-vm'],
      ['dmarc', 26, 60, null],
    ],
  );
  assert.deepEqual(config.monitors[1]!.definition.target, { kind: 'http', url: 'https://shop.example.test/health', method: 'GET', headers: {}, followRedirects: true, verifyTls: true });
});

for (const [what, yml, expected] of [
  ['YAML syntax', 'monitors:\n  - name: a\n    kind: ping\n   host: x\n', { line: 4, message: /./ }],
  ['an unknown top-level key', 'monitor:\n  - name: a\n', { line: 1, column: 1, message: /unknown key "monitor" \(expected environment, monitors, runbooks\)/ }],
  ['a port out of range', 'monitors:\n  - name: db\n    kind: tcp\n    host: db\n    port: 99999\n', { line: 5, column: 5, message: /port must be from 1 to 65535/ }],
  ['an unknown field', 'monitors:\n  - name: db\n    kind: tcp\n    host: db\n    port: 5432\n    colour: red\n', { line: 6, column: 5, message: /unknown key "colour"/ }],
  ['an unknown kind', 'monitors:\n  - name: x\n    kind: smtp\n', { line: 3, column: 5, message: /^kind must be one of ping, tcp/ }],
  ['a missing name', 'monitors:\n  - kind: ping\n    host: a\n', { line: 2, column: 5, message: /name is required/ }],
  ['a bad duration', 'monitors:\n  - name: a\n    kind: ping\n    host: a\n    interval: 5 minutes\n', { line: 5, column: 5, message: /interval must be a duration like 30s/ }],
  ['a bad condition (column inside the quoted string)', 'monitors:\n  - name: a\n    kind: ping\n    host: a\n    conditions:\n      - "[PACKET_LOSS] =< 5"\n', { line: 6, column: 24, message: /condition "\[PACKET_LOSS\] =< 5": expected one of/ }],
  ['a duplicate name', 'monitors:\n  - name: a\n    kind: ping\n    host: a\n  - name: A\n    kind: ping\n    host: b\n', { line: 5, message: /appears twice/ }],
  ['dependsOn a missing monitor', 'monitors:\n  - name: a\n    kind: ping\n    host: a\n    dependsOn: ghost\n', { line: 5, column: 5, message: /dependsOn names "ghost", which is not a monitor in this file/ }],
  ['a bad environment value', 'environment:\n  domain: 42\n', { line: 2, message: /domain must be a string/ }],
] as const) {
  test(`photon.yml with ${what} → a problem at file:line:column, and no monitors`, () => {
    const config = readPhotonYml(yml, '/repo/photon.yml');
    assert.equal(config.monitors.length, 0);
    const p = config.problems[0];
    assert.ok(p, 'a problem is reported');
    assert.equal(p.file, '/repo/photon.yml');
    assert.equal(p.line, expected.line, JSON.stringify(p));
    if ('column' in expected) assert.equal(p.column, expected.column, JSON.stringify(p));
    assert.match(p.message, expected.message);
  });
}

test('importProjectConfig applies all or nothing, keeps history on re-import, and declares the environment', async (t) => {
  const repo = makeTempDir();
  t.after(repo.cleanup);
  const fake = fakeRegistry();
  const core = startTestCore(undefined, { checks: fake.registry, networkGuard: controllableGuard().guard });
  t.after(() => core.dispose());
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const env = await core.dispatch(method, input);
    assert.ok(env.ok, JSON.stringify(env));
    return env.value as T;
  };
  const project = await call<Project>('addProject', { name: 'Shop', repoPath: repo.dir });
  const file = path.join(repo.dir, 'photon.yml');

  const missing = await core.dispatch('importProjectConfig', { projectId: project.id });
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND' && /There is no photon.yml in/.test(missing.error.message));

  fs.writeFileSync(file, GOOD.replace('interval: 30s', 'interval: thirty'));
  const bad = await call<MethodResult<'importProjectConfig'>>('importProjectConfig', { projectId: project.id });
  assert.equal(bad.monitors, 0);
  assert.equal(bad.problems[0]!.line, 13);
  assert.deepEqual(await call('listMonitors', {}), [], 'nothing applied when anything is wrong');

  fs.writeFileSync(file, GOOD);
  const first = await call<MethodResult<'importProjectConfig'>>('importProjectConfig', { projectId: project.id });
  assert.deepEqual([first.monitors, first.removed, first.problems], [3, 0, []]);
  const monitors = await call<Array<{ id: number; name: string; parentId: number | null; source: unknown }>>('listMonitors', { projectId: project.id });
  const byName = Object.fromEntries(monitors.map((m) => [m.name, m]));
  assert.equal(byName['api-health']!.parentId, byName['prod-vm']!.id);
  assert.deepEqual(byName['prod-vm']!.source, { type: 'file', file, line: 10 });

  // Re-import without dmarc: same ids for the survivors (their history stays), dmarc removed.
  fs.writeFileSync(file, GOOD.split('  - name: dmarc')[0]!);
  const second = await call<MethodResult<'importProjectConfig'>>('importProjectConfig', { projectId: project.id });
  assert.deepEqual([second.monitors, second.removed], [2, 1]);
  const after = await call<Array<{ id: number; name: string }>>('listMonitors', { projectId: project.id });
  assert.deepEqual(after.map((m) => m.id).sort(), [byName['prod-vm']!.id, byName['api-health']!.id].sort());

  const overview = await call<Overview>('getOverview', { projectId: project.id });
  assert.equal(overview.declared.provider, 'GCP');
  assert.equal(overview.declaredSource, file);
});
