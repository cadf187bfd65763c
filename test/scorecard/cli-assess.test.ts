import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AssessmentSchema } from '../../preload/schemas/scorecard.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { GOOD_FILES, makeFixture, POOR_FILES } from './fixtures.ts';

// The real artifact: bin/photon.mjs → out/main/cli.mjs (built first). No data directory is given
// and XDG_DATA_HOME points nowhere: `assess` is pure core code and must not need one.
const BIN = path.resolve('bin/photon.mjs');
const photon = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, XDG_DATA_HOME: '/nonexistent-photon-test', HOME: '/nonexistent-photon-home' } });

let good: { dir: string; cleanup: () => void };
let poor: { dir: string; cleanup: () => void };
let out: { dir: string; cleanup: () => void };
before(() => {
  good = makeFixture('cli-good', GOOD_FILES, { git: true });
  poor = makeFixture('cli-poor', POOR_FILES, { git: true });
  out = makeTempDir();
});
after(() => [good, poor, out].forEach((f) => f.cleanup()));

test('photon assess prints a Markdown report by default and exits 0 without --fail-under', () => {
  const r = photon('assess', poor.dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^# 🚀 Deployment Readiness Assessment/);
  assert.match(r.stdout, /## 📊 Deployment Readiness Scorecard/);
});

test('--format json is the documented schema; --fail-under decides the exit code (0 at or above, 1 below)', () => {
  const r = photon('assess', good.dir, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  const report = AssessmentSchema.parse(JSON.parse(r.stdout));
  const score = report.overall.score!;
  assert.ok(score > 0);
  assert.equal(photon('assess', good.dir, '--fail-under', String(Math.floor(score))).status, 0);
  assert.equal(photon('assess', good.dir, '--fail-under', String(score)).status, 0, 'equal meets the bar');
  const below = photon('assess', poor.dir, '--fail-under', String(Math.floor(score)));
  assert.equal(below.status, 1);
  assert.match(below.stderr, /Overall score [\d.]+% is below --fail-under/);
});

test('--tier changes targets and required checks', () => {
  const proto = AssessmentSchema.parse(JSON.parse(photon('assess', poor.dir, '--format', 'json', '--tier', 'prototype').stdout));
  const comm = AssessmentSchema.parse(JSON.parse(photon('assess', poor.dir, '--format', 'json', '--tier', 'commercial').stdout));
  assert.equal(proto.tier, 'prototype');
  assert.ok(proto.categories[4]!.target < comm.categories[4]!.target);
  assert.equal(proto.checks.find((c) => c.id === 'auth.oauth-oidc')!.required, false);
  assert.equal(comm.checks.find((c) => c.id === 'auth.oauth-oidc')!.required, true);
});

test('--out writes the file (SARIF here) and says where', () => {
  const file = path.join(out.dir, 'readiness.sarif');
  const r = photon('assess', poor.dir, '--format', 'sarif', '--out', file);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Wrote sarif report to .*readiness\.sarif/);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).version, '2.1.0');
});

for (const [what, args, message] of [
  ['no directory', ['assess'], /photon assess: expected one <repo-dir>, got 0/],
  ['two directories', ['assess', '.', '.'], /expected one <repo-dir>, got 2/],
  ['a missing directory', ['assess', '/nonexistent/repo'], /photon assess: \/nonexistent\/repo: no such directory/],
  ['a file instead of a directory', ['assess', 'package.json'], /package\.json: not a directory/],
  ['an unknown tier', ['assess', '.', '--tier', 'gold'], /--tier must be one of prototype, production, commercial \(got "gold"\)/],
  ['an unknown format', ['assess', '.', '--format', 'pdf'], /--format must be one of md, json, sarif \(got "pdf"\)/],
  ['a non-numeric --fail-under', ['assess', '.', '--fail-under', 'high'], /--fail-under must be a number from 0 to 100 \(got "high"\)/],
  ['--fail-under above 100', ['assess', '.', '--fail-under', '101'], /--fail-under must be a number from 0 to 100/],
  ['an unknown option', ['assess', '.', '--fast'], /photon assess: Unknown option '--fast'/],
  ['an --out in a missing folder', ['assess', '.', '--out', '/nonexistent/dir/report.md'], /cannot write --out \/nonexistent\/dir\/report\.md: ENOENT/],
] as const) {
  test(`photon assess with ${what} exits 2 with a clear message`, () => {
    const r = photon(...args);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
  });
}

test('an internal error exits 2, not 1 (which means "below --fail-under")', () => {
  // Preloaded into the CLI's process: the assessment throws past every check, as a bug would.
  const breakDates = `data:text/javascript,${encodeURIComponent("Date.prototype.toISOString = () => { throw new Error('clock exploded'); };")}`;
  const r = spawnSync(process.execPath, ['--import', breakDates, BIN, 'assess', good.dir, '--fail-under', '0'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /photon assess: internal error: clock exploded/);
  assert.equal(r.stdout, '');
});

test('photon assess --help documents the options and exit codes', () => {
  const r = photon('assess', '--help');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /--fail-under N/);
  assert.match(r.stdout, /Exit codes: 0 .* 1 below it, 2 wrong usage/);
});

test('unreadable files are reported on stderr and in the report, and the assessment still completes', (t) => {
  const repo = makeFixture('cli-unreadable', { 'README.md': '# x\n', 'src/locked.js': "import helmet from 'helmet';\n", 'private/notes.md': 'x' });
  t.after(repo.cleanup);
  fs.chmodSync(repo.dir, 0o755);
  fs.chmodSync(path.join(repo.dir, 'src'), 0o755);
  fs.chmodSync(path.join(repo.dir, 'src', 'locked.js'), 0o000);
  fs.chmodSync(path.join(repo.dir, 'private'), 0o000);
  // root reads everything; run as nobody so that EACCES really happens.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [BIN, 'assess', repo.dir, '--format', 'json'], { encoding: 'utf8', timeout: 30_000, ...asNobody });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: src\/locked\.js: not readable \(EACCES\)/);
  assert.match(r.stderr, /warning: private: directory not readable \(EACCES\)/);
  const report = AssessmentSchema.parse(JSON.parse(r.stdout));
  assert.deepEqual(report.walk.problems.map((p) => p.path).sort(), ['private', 'src/locked.js']);
  assert.equal(report.checks.find((c) => c.id === 'doc.readme')!.status, 'pass');
});
