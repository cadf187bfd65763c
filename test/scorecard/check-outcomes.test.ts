import { after, before, describe, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { Assessment, CheckStatus } from '../../preload/schemas/scorecard.ts';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { ALL_CHECKS } from '../../main/scorecard/rules/index.ts';
import { backupsProvider, GOOD_FILES, GOOD_LIVE, makeFixture, MONOREPO_FILES, NO_PACKAGE_FILES, POOR_FILES, POOR_LIVE } from './fixtures.ts';

// Fixture repositories are built here, per run; each check's outcome on each is asserted, and every
// check must pass on at least one fixture and fail on at least one (a check that cannot fail — or
// cannot pass — proves nothing).

const results = new Map<string, Assessment>();
const cleanups: Array<() => void> = [];

before(async () => {
  const build = async (name: string, files: Record<string, string>, opts: Parameters<typeof assessRepository>[1], git: boolean) => {
    const f = makeFixture(name, files, { git });
    cleanups.push(f.cleanup);
    results.set(name, await assessRepository(f.dir, opts));
  };
  await build('good', GOOD_FILES, { tier: 'commercial', live: GOOD_LIVE, providers: [backupsProvider('pass')] }, true);
  await build('poor', POOR_FILES, { tier: 'commercial', live: POOR_LIVE, providers: [backupsProvider('fail')] }, true);
  await build('no-package', NO_PACKAGE_FILES, {}, false);
  await build('monorepo', MONOREPO_FILES, {}, true);
  // The good service again, with what real repositories also hold: binaries, a huge generated file,
  // symlink loops, a vendored node_modules and an ignored build folder full of bad code.
  const edgy = makeFixture('edge', {
    ...GOOD_FILES,
    'node_modules/evil/index.js': "const jwt = require('jsonwebtoken'); jwt.sign({}, 'hardcoded-secret');\n",
    'coverage/leak.js': `const key = '${'AKIA'}Q3EGRW5TLX7NBM2P';\n`,
    'public/huge.js': 'x'.repeat(2 * 1024 * 1024),
  }, { git: true });
  cleanups.push(edgy.cleanup);
  fs.writeFileSync(path.join(edgy.dir, 'public', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  fs.writeFileSync(path.join(edgy.dir, 'public', 'packed.js'), Buffer.concat([Buffer.from('AKIA'), Buffer.alloc(32)]));
  fs.symlinkSync('..', path.join(edgy.dir, 'src', 'parent-loop'));
  fs.symlinkSync('self-loop', path.join(edgy.dir, 'self-loop'));
  results.set('edge', await assessRepository(edgy.dir, { tier: 'commercial', live: GOOD_LIVE, providers: [backupsProvider('pass')] }));
});
after(() => cleanups.forEach((c) => c()));

const statusOf = (fixture: string, id: string): CheckStatus => {
  const c = results.get(fixture)!.checks.find((x) => x.id === id);
  assert.ok(c, `${fixture}: check ${id} is in the report`);
  return c.status;
};

/** Per check: [good, poor]. Everything passes on the good service and fails on the poor one unless listed. */
const EXCEPTIONS: Record<string, [CheckStatus, CheckStatus]> = {
  'infra.dockerfile': ['pass', 'pass'],
  'doc.readme': ['pass', 'pass'],
  'com.payment-provider': ['pass', 'pass'],
};

describe('per-check outcomes on the well-prepared and the poor service', () => {
  for (const def of ALL_CHECKS) {
    const [good, poor] = EXCEPTIONS[def.id] ?? ['pass', 'fail'];
    test(`${def.id}: ${good} on the good service, ${poor} on the poor one`, () => {
      const g = results.get('good')!.checks.find((c) => c.id === def.id)!;
      const p = results.get('poor')!.checks.find((c) => c.id === def.id)!;
      assert.equal(g.status, good, `good: ${g.reason}`);
      assert.equal(p.status, poor, `poor: ${p.reason}`);
      for (const c of [g, p]) {
        assert.ok(c.reason.length > 0, 'a one-line reason');
        assert.ok(!c.reason.includes('\n'), 'one line');
        assert.ok(c.remediation.length > 0, 'a remediation');
      }
      if (p.status === 'fail' && def.source === 'live') assert.ok(p.evidence.some((e) => e.kind === 'probe' && e.at !== null), 'live failures show the probe and its time');
    });
  }
});

test('every check has at least one passing and one failing fixture', () => {
  const missing: string[] = [];
  for (const def of ALL_CHECKS) {
    const seen = new Set([...results.keys()].map((f) => statusOf(f, def.id)));
    if (!seen.has('pass')) missing.push(`${def.id} never passes`);
    if (!seen.has('fail')) missing.push(`${def.id} never fails`);
  }
  assert.deepEqual(missing, []);
});

test('there are at least 40 static checks covering all eight categories', () => {
  const staticChecks = ALL_CHECKS.filter((c) => c.source === 'static');
  assert.ok(staticChecks.length >= 40, `${staticChecks.length} static checks`);
  assert.equal(new Set(ALL_CHECKS.map((c) => c.category)).size, 8);
  assert.equal(new Set(ALL_CHECKS.map((c) => c.id)).size, ALL_CHECKS.length, 'ids are unique');
});

test('failing static checks point at file:line evidence where the problem is in a file', () => {
  const poor = results.get('poor')!;
  const at = (id: string) => poor.checks.find((c) => c.id === id)!.evidence.map((e) => (e.kind === 'file' ? `${e.file}:${e.line}` : e.probe));
  assert.deepEqual(at('auth.jwt-secret-from-env'), ['index.js:15']);
  assert.deepEqual(at('auth.secure-cookies'), ['index.js:16']);
  assert.deepEqual(at('sec.cors-safe'), ['index.js:10']);
  assert.deepEqual(at('infra.docker-base-pinned'), ['Dockerfile:1']);
  assert.ok(at('sec.helmet-used').includes('package.json:11'), 'helmet listed but unused: points at package.json');
  assert.ok(at('sec.no-secrets-in-code').includes('index.js:8'));
});

test('a repository without package.json: npm checks are not applicable, live checks unknown, the rest judged', () => {
  const a = results.get('no-package')!;
  for (const id of ['sec.lockfile', 'infra.node-version', 'test.script']) assert.equal(statusOf('no-package', id), 'not_applicable', id);
  for (const c of a.checks.filter((x) => x.source === 'live')) assert.equal(c.status, 'unknown', c.id);
  assert.equal(statusOf('no-package', 'infra.backups-fresh'), 'unknown');
  assert.equal(a.checks.find((c) => c.id === 'infra.backups-fresh')!.reason, 'no backup evidence source yet');
  assert.equal(statusOf('no-package', 'sec.env-untracked'), 'unknown', 'not a git repository');
  assert.equal(statusOf('no-package', 'doc.readme'), 'fail');
  assert.equal(a.configuration.packageJson, null);
  assert.equal(a.configuration.dependencies, null);
});

test('a monorepo: workspace packages count (dependencies, scripts, sources) and the root lockfile covers them', () => {
  const a = results.get('monorepo')!;
  assert.deepEqual(a.configuration.workspaces, ['packages/*']);
  assert.equal(statusOf('monorepo', 'sec.helmet-used'), 'pass');
  assert.equal(statusOf('monorepo', 'sec.lockfile'), 'pass');
  assert.equal(statusOf('monorepo', 'test.script'), 'pass');
  assert.equal(statusOf('monorepo', 'test.files'), 'pass');
  assert.equal(statusOf('monorepo', 'mon.health-route'), 'pass');
  assert.equal(statusOf('monorepo', 'mon.structured-logging'), 'fail', 'pino is listed in packages/api but never imported');
});

test('live checks: stale results and monitors without a result are unknown, never pass or fail', async (t) => {
  const f = makeFixture('stale', { 'README.md': '# x\n' });
  t.after(f.cleanup);
  const stale = { ...GOOD_LIVE, now: GOOD_LIVE.now + 3_600_000 };
  const a = await assessRepository(f.dir, { live: stale });
  for (const c of a.checks.filter((x) => x.source === 'live' && x.id !== 'mon.loops-healthy' && x.id !== 'infra.backups-fresh')) {
    assert.equal(c.status, 'unknown', c.id);
    assert.match(c.reason, /no fresh result/, c.id);
    assert.ok(c.evidence.every((e) => e.kind === 'probe' && /stale/.test(e.note)), c.id);
  }
  const pending = { ...GOOD_LIVE, monitors: GOOD_LIVE.monitors.map((m) => ({ ...m, lastAt: null, status: 'PENDING' as const })) };
  const b = await assessRepository(f.dir, { live: pending });
  assert.equal(b.checks.find((c) => c.id === 'infra.vm-reachable')!.status, 'unknown');
  assert.match(b.checks.find((c) => c.id === 'infra.vm-reachable')!.evidence[0]!.note, /no result yet/);
});

test('binary files, a huge file, symlink loops, node_modules and ignored folders change no outcome of the good service', () => {
  const good = results.get('good')!;
  const edge = results.get('edge')!;
  assert.deepEqual(
    edge.checks.map((c) => [c.id, c.status]),
    good.checks.map((c) => [c.id, c.status]),
  );
  const problems = edge.walk.problems.map((p) => p.path).sort();
  assert.deepEqual(problems, ['public/huge.js', 'public/packed.js', 'self-loop', 'src/parent-loop']);
});
