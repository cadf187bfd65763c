// A repository's photon.yml is untrusted input: whatever the file is (a FIFO, a device, a link out
// of the repository, an alias bomb, a nesting bomb), importProjectConfig answers with a refusal or a
// problem naming photon.yml:line:col, the core keeps answering, and nothing is applied.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Envelope, MethodResult, Project } from '../../preload/contract.ts';
import { readPhotonYml } from '../../main/project-config/read-photon-yml.ts';
import { CONFIG } from '../../main/core/config.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { controllableGuard, fakeRegistry } from '../helpers/fake-checks.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

type Import = MethodResult<'importProjectConfig'>;

async function coreWithProject(t: TestContext) {
  const repo = makeTempDir();
  t.after(repo.cleanup);
  const core = startTestCore(undefined, { checks: fakeRegistry().registry, networkGuard: controllableGuard().guard });
  t.after(() => core.dispose());
  const added = await core.dispatch('addProject', { name: 'Shop', repoPath: repo.dir });
  assert.ok(added.ok, JSON.stringify(added));
  const project = added.value as Project;
  const importConfig = () => core.dispatch('importProjectConfig', { projectId: project.id }) as Promise<Envelope<Import>>;
  return { core, repo: repo.dir, file: path.join(repo.dir, 'photon.yml'), importConfig };
}

const BILLION_LAUGHS = `monitors:
  - name: lol
    kind: ping
    host: 10.0.0.1
x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
x-e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
x-f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
x-g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
`;

test('an alias bomb is a problem at photon.yml:line:col, not an INTERNAL error; nothing is applied', async (t) => {
  const { core, file, importConfig } = await coreWithProject(t);
  fs.writeFileSync(file, BILLION_LAUGHS);
  const res = await importConfig();
  assert.ok(res.ok, `a validation answer, not ${JSON.stringify(!res.ok && res.error)}`);
  assert.equal(res.value.monitors, 0);
  assert.equal(res.value.problems.length, 1);
  const p = res.value.problems[0]!;
  assert.equal(p.file, file);
  assert.match(p.message, /alias/);
  // The first alias: line 6, "x-b: &b [" is 9 characters.
  assert.deepEqual([p.line, p.column], [6, 10]);
  const monitors = await core.dispatch('listMonitors', {});
  assert.ok(monitors.ok);
  assert.deepEqual(monitors.value, []);
});

test('nesting beyond the limit (flow or block) is a problem with its line and column, found without recursing into it', async (t) => {
  const { importConfig, file } = await coreWithProject(t);
  const depth = 200_000;
  fs.writeFileSync(file, `monitors: []\nx-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
  const flow = await importConfig();
  assert.ok(flow.ok, JSON.stringify(!flow.ok && flow.error));
  assert.equal(flow.value.problems.length, 1);
  assert.match(flow.value.problems[0]!.message, new RegExp(`nested more than ${CONFIG.yaml.maxDepth} levels`));
  // The bracket that goes one level too deep: "x-deep: " is 8 characters, then maxDepth brackets.
  assert.deepEqual([flow.value.problems[0]!.line, flow.value.problems[0]!.column], [2, 8 + CONFIG.yaml.maxDepth + 1]);

  // Block nesting, one level per line.
  const lines = ['monitors: []', 'x-deep:'];
  for (let i = 1; i <= CONFIG.yaml.maxDepth + 5; i++) lines.push(`${'  '.repeat(i)}k:`);
  lines.push(`${'  '.repeat(CONFIG.yaml.maxDepth + 6)}v: 1`);
  const block = readPhotonYml(lines.join('\n') + '\n', '/repo/photon.yml');
  assert.equal(block.problems.length, 1);
  assert.match(block.problems[0]!.message, /nested more than \d+ levels/);
  assert.equal(block.problems[0]!.file, '/repo/photon.yml');
  assert.ok(block.problems[0]!.line > CONFIG.yaml.maxDepth, `line ${block.problems[0]!.line}`);

  // Compact block sequences thousands deep ("- - - … x", 10 KB): refused before the composer recurses
  // into them, where they overflowed its stack (or aborted the process) instead.
  const compact = readPhotonYml(`monitors: []\nx-deep:\n  ${'- '.repeat(5000)}x\n`, '/repo/photon.yml');
  assert.equal(compact.problems.length, 1);
  assert.match(compact.problems[0]!.message, new RegExp(`nested more than ${CONFIG.yaml.maxDepth} levels`));
  assert.deepEqual([compact.problems[0]!.line, compact.problems[0]!.column], [3, 3 + 2 * (CONFIG.yaml.maxDepth - 1)]);

  // A legitimately nested file is untouched by the limit.
  assert.deepEqual(readPhotonYml('monitors:\n  - name: a\n    kind: ping\n    host: 10.0.0.1\n    conditions: ["[CONNECTED] == true"]\n', '/r/photon.yml').problems, []);
});

test('a photon.yml that is a FIFO is refused at once, naming the file and the reason; the core keeps answering', async (t) => {
  const { core, file, importConfig } = await coreWithProject(t);
  makeFifo(file);
  t.after(unblockFifoLater(file));
  const [res, other] = await Promise.all([importConfig(), core.dispatch('listProjects', {})]);
  assert.ok(other.ok, 'a call made meanwhile answered');
  assert.ok(!res.ok, `refused, not ${JSON.stringify(res)}`);
  assert.equal(res.error.code, 'INVALID_INPUT');
  assert.equal(res.error.field, 'projectId');
  assert.ok(res.error.message.includes(file), res.error.message);
  assert.match(res.error.message, /FIFO/);
});

test('a photon.yml that is a device, a directory or oversized is refused with the reason', async (t) => {
  const { file, importConfig } = await coreWithProject(t);
  fs.mkdirSync(file);
  const dir = await importConfig();
  assert.ok(!dir.ok && dir.error.code === 'INVALID_INPUT' && /directory/.test(dir.error.message), JSON.stringify(dir));
  fs.rmdirSync(file);

  fs.writeFileSync(file, `# ${'x'.repeat(CONFIG.files.photonYmlBytes)}\n`);
  const big = await importConfig();
  assert.ok(!big.ok && big.error.code === 'INVALID_INPUT' && /over the limit of \d+ bytes/.test(big.error.message), JSON.stringify(big));
  fs.rmSync(file);

  try {
    execFileSync('mknod', [file, 'c', '1', '5']); // /dev/zero's numbers, inside the repository
  } catch {
    t.skip('mknod is not permitted here');
    return;
  }
  const dev = await importConfig();
  assert.ok(!dev.ok && dev.error.code === 'INVALID_INPUT' && /character device/.test(dev.error.message), JSON.stringify(dev));
});

test('a photon.yml linked to a file outside the repository is not read; a link inside it is', async (t) => {
  const { core, repo, file, importConfig } = await coreWithProject(t);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  const elsewhere = path.join(outside.dir, 'photon.yml');
  fs.writeFileSync(elsewhere, 'monitors:\n  - name: stolen\n    kind: ping\n    host: 10.0.0.1\n');
  fs.symlinkSync(elsewhere, file);
  const res = await importConfig();
  assert.ok(!res.ok && res.error.code === 'INVALID_INPUT' && /outside/.test(res.error.message) && res.error.message.includes(file), JSON.stringify(res));
  const monitors = await core.dispatch('listMonitors', {});
  assert.ok(monitors.ok);
  assert.deepEqual(monitors.value, [], 'nothing from outside the repository was applied');

  fs.rmSync(file);
  fs.mkdirSync(path.join(repo, 'config'));
  fs.writeFileSync(path.join(repo, 'config', 'photon.yml'), 'monitors:\n  - name: inside\n    kind: ping\n    host: 10.0.0.1\n');
  fs.symlinkSync('config/photon.yml', file);
  const ok = await importConfig();
  assert.ok(ok.ok && ok.value.monitors === 1, JSON.stringify(ok));
});
