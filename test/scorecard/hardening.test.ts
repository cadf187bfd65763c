// Review findings on the readiness scorecard: untrusted repositories must not run code, hang the
// walk, leak their secrets into reports or fool the checks with comments and fallbacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Assessment } from '../../preload/schemas/scorecard.ts';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { RepoFacts } from '../../main/scorecard/evidence/repo-facts.ts';
import { isPlaceholder, redactSecrets, secretFinding } from '../../main/scorecard/evidence/secret-detection.ts';
import { MAX_READ_BYTES, walkRepository } from '../../main/scorecard/evidence/walk-repository.ts';
import { renderReport } from '../../main/scorecard/report/render.ts';
import { securityChecks } from '../../main/scorecard/rules/security.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { makeFixture, NO_PACKAGE_FILES, PLANTED, POOR_FILES, writeTree } from './fixtures.ts';

const check = (a: Assessment, id: string) => a.checks.find((c) => c.id === id)!;
const problemsOf = (a: Assessment) => Object.fromEntries(a.walk.problems.map((p) => [p.path, p.problem]));

test('git runs in the assessed repository without its core.fsmonitor (or hooks): a repository cannot run code', async (t) => {
  const f = makeFixture('fsmonitor', { 'README.md': '# x\n', '.gitignore': '.env\n', 'src/index.js': 'export {};\n' }, { git: true });
  t.after(f.cleanup);
  const elsewhere = makeTempDir();
  t.after(elsewhere.cleanup);
  const marker = path.join(elsewhere.dir, 'fsmonitor-ran');
  execFileSync('git', ['config', 'core.fsmonitor', `touch ${marker}; false`], { cwd: f.dir });
  execFileSync('git', ['config', 'core.hooksPath', elsewhere.dir], { cwd: f.dir });
  // The fixture is live: plain git does run the command.
  execFileSync('git', ['ls-files'], { cwd: f.dir });
  assert.ok(fs.existsSync(marker), 'plain `git ls-files` runs core.fsmonitor');
  fs.rmSync(marker);

  const a = await assessRepository(f.dir);
  assert.equal(fs.existsSync(marker), false, 'the assessment ran the repository\'s core.fsmonitor');
  assert.equal(check(a, 'sec.env-untracked').status, 'pass', 'git still answers');
});

test('a .gitignore symlinked to a FIFO, a file outside the repository or an oversized file is reported, not read; the assessment completes', (t) => {
  const f = makeFixture('gitignore-links', { 'README.md': '# x\n', 'a/app.js': 'x\n', 'b/app.js': 'x\n', 'c/app.js': 'x\n', 'big.txt': 'x'.repeat(MAX_READ_BYTES + 10) });
  t.after(f.cleanup);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  fs.writeFileSync(path.join(outside.dir, 'rules'), '*.js\n');
  execFileSync('mkfifo', [path.join(f.dir, 'pipe')]);
  fs.symlinkSync('../pipe', path.join(f.dir, 'a', '.gitignore'));
  fs.symlinkSync(path.join(outside.dir, 'rules'), path.join(f.dir, 'b', '.gitignore'));
  fs.symlinkSync('../big.txt', path.join(f.dir, 'c', '.gitignore'));

  // In a child process: reading the FIFO would block the thread for good, and no timer could end the test.
  const script = `import { assessRepository } from ${JSON.stringify(path.resolve('main/scorecard/assess.ts'))};
const a = await assessRepository(${JSON.stringify(f.dir)});
const { walkRepository } = await import(${JSON.stringify(path.resolve('main/scorecard/evidence/walk-repository.ts'))});
const w = await walkRepository(${JSON.stringify(f.dir)});
console.log(JSON.stringify({ problems: a.walk.problems, files: w.files.map((x) => x.path).sort() }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd(), timeout: 30_000 });
  assert.equal(r.signal, null, 'the assessment hung on the FIFO');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { problems: Array<{ path: string; problem: string }>; files: string[] };
  const problems = Object.fromEntries(out.problems.map((p) => [p.path, p.problem]));
  assert.match(problems['a/.gitignore'] ?? '', /not a regular file/);
  assert.match(problems['b/.gitignore'] ?? '', /outside the repository/);
  assert.match(problems['c/.gitignore'] ?? '', /over the \d+-byte limit/);
  // b's rules (*.js, from outside) were not applied: b/app.js is still walked.
  assert.deepEqual(out.files, ['README.md', 'a/app.js', 'b/app.js', 'big.txt', 'c/.gitignore', 'c/app.js']);
});

test('every SARIF result has a location: a check without file evidence points at a root file, line 1', async (t) => {
  const poor = makeFixture('sarif-poor', POOR_FILES);
  t.after(poor.cleanup);
  const bare = makeFixture('sarif-bare', NO_PACKAGE_FILES);
  t.after(bare.cleanup);
  for (const [dir, rootFile] of [[poor.dir, 'package.json'], [bare.dir, null]] as const) {
    const a = await assessRepository(dir);
    const sarif = JSON.parse(renderReport(a, 'sarif')) as { runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }> };
    const results = sarif.runs[0]!.results;
    assert.ok(results.length > 0);
    for (const r of results) {
      assert.ok(r.locations && r.locations.length > 0, `${r.ruleId} has no location`);
      for (const l of r.locations) assert.notEqual(l.physicalLocation.artifactLocation.uri, '', `${r.ruleId}: empty uri`);
    }
    const policy = results.find((r) => r.ruleId === 'sec.security-policy')!;
    assert.equal(check(a, 'sec.security-policy').evidence.length, 0, 'a check that fails without evidence');
    if (rootFile) assert.deepEqual(policy.locations![0]!.physicalLocation, { artifactLocation: { uri: rootFile, uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
    else assert.ok(policy.locations![0]!.physicalLocation.artifactLocation.uri.length > 0);
  }
});

test('multi-stage Dockerfile: only the final stage\'s USER and HEALTHCHECK count (a stage built on another inherits them)', async (t) => {
  const builderOnly = makeFixture('docker-stages', {
    'Dockerfile': 'FROM node:22.11-alpine AS build\nUSER node\nHEALTHCHECK CMD true\nENV NODE_ENV=production\nRUN npm ci\nFROM node:22.11-alpine\nCOPY --from=build /app /app\nCMD ["node", "index.js"]\n',
  });
  t.after(builderOnly.cleanup);
  const a = await assessRepository(builderOnly.dir);
  assert.equal(check(a, 'infra.docker-non-root').status, 'fail');
  assert.equal(check(a, 'infra.container-healthcheck').status, 'fail');
  assert.equal(a.configuration.docker?.user, null);
  assert.equal(a.configuration.docker?.healthcheck, false);

  const inherited = makeFixture('docker-inherit', {
    'Dockerfile': 'FROM node:22.11-alpine AS base\nUSER node\nHEALTHCHECK CMD true\nFROM base AS final\nCMD ["node", "index.js"]\n',
  });
  t.after(inherited.cleanup);
  const b = await assessRepository(inherited.dir);
  assert.equal(check(b, 'infra.docker-non-root').status, 'pass');
  assert.equal(check(b, 'infra.container-healthcheck').status, 'pass');
});

test('a JWT secret with a literal fallback fails; only signing-secret env names are evidence, not any *TOKEN*', async (t) => {
  const pkg = JSON.stringify({ name: 'x', dependencies: { jsonwebtoken: '^9.0.2' } });
  const cases: Array<[string, string, string]> = [
    ['or', "import jwt from 'jsonwebtoken';\nexport const sign = (p) => jwt.sign(p, process.env.JWT_SECRET || 'fallback-signing-value');\n", 'fail'],
    ['nullish', "import jwt from 'jsonwebtoken';\nconst key = process.env['JWT_SECRET'] ?? \"fallback-signing-value\";\nexport const sign = (p) => jwt.sign(p, key);\n", 'fail'],
    ['token', "import jwt from 'jsonwebtoken';\nconst gh = process.env.GITHUB_TOKEN;\nexport const sign = (p, k) => jwt.sign(p, k);\n", 'unknown'],
    ['env', "import jwt from 'jsonwebtoken';\nexport const sign = (p) => jwt.sign(p, process.env.JWT_SECRET);\n", 'pass'],
    ['session', "import jwt from 'jsonwebtoken';\nexport const sign = (p) => jwt.sign(p, process.env.SESSION_SECRET);\n", 'pass'],
  ];
  for (const [name, source, status] of cases) {
    const f = makeFixture(`jwt-${name}`, { 'package.json': pkg, 'src/auth.js': source });
    t.after(f.cleanup);
    const a = await assessRepository(f.dir);
    assert.equal(check(a, 'auth.jwt-secret-from-env').status, status, name);
    assert.ok(!JSON.stringify(a).includes('fallback-signing-value'), `${name}: the fallback is not echoed`);
  }
});

test('secrets are redacted from scripts, Dockerfile ENV notes and JSON parse problems in the Markdown, JSON and SARIF reports', async (t) => {
  const planted = {
    lowEntropyPassword: 'hunter2hunter2',
    bearer: 'tok9plainBearerValue',
    urlPassword: 'urlPw9plain',
    dockerPassword: 'dockerPw9plain',
    jsonSecret: 'zq8Plain',
    flagToken: 'flagTok9plain',
  };
  const f = makeFixture('redaction', {
    'package.json': JSON.stringify({
      name: 'x',
      scripts: {
        start: `DB_PASSWORD=${planted.lowEntropyPassword} node index.js`,
        smoke: `curl -H "Authorization: Bearer ${planted.bearer}" https://api.test/health`,
        migrate: `psql postgres://app:${planted.urlPassword}@db.internal/app`,
        test: `node --test --experimental-test-coverage --token ${planted.flagToken}`,
      },
    }),
    'Dockerfile': `FROM node:22.11-alpine\nENV NODE_ENV=production DB_PASSWORD=${planted.dockerPassword}\nUSER node\n`,
    'packages/broken/package.json': `{"name": "broken", "password": ${planted.jsonSecret}}`,
  });
  t.after(f.cleanup);
  const a = await assessRepository(f.dir);
  // The places the values would have travelled through are in the report.
  assert.match(check(a, 'perf.node-env-production').evidence[0]!.note, /^ENV NODE_ENV=production DB_PASSWORD=\[redacted\]$/);
  assert.match(a.configuration.scripts.smoke!, /Bearer \[redacted\]/);
  assert.match(a.configuration.scripts.migrate!, /postgres:\/\/app:\[redacted\]@db\.internal/);
  assert.equal(problemsOf(a)['packages/broken/package.json'], 'not valid JSON');
  for (const format of ['md', 'json', 'sarif'] as const) {
    const text = renderReport(a, format);
    for (const [what, value] of Object.entries(planted)) assert.ok(!text.includes(value), `${what} appears in the ${format} report`);
  }
});

test('redaction: secret-named keys whatever their value, bearer tokens and URL passwords; references and code stay', () => {
  assert.equal(redactSecrets('API_TOKEN=abc node x'), 'API_TOKEN=[redacted] node x');
  assert.equal(redactSecrets('{"password": "hunter2"}'), '{"password": "[redacted]"}');
  assert.equal(redactSecrets('mysql --password=hunter2 -u root'), 'mysql --password=[redacted] -u root');
  assert.equal(redactSecrets('Authorization: Bearer abc.def'), 'Authorization: Bearer [redacted]');
  assert.equal(redactSecrets('redis://:s3cret@cache:6379'), 'redis://:[redacted]@cache:6379');
  assert.equal(redactSecrets("const key = process.env.JWT_SECRET || 'dev-key';"), "const key = process.env.JWT_SECRET || '[redacted]';");
  for (const kept of ['JWT_SECRET=${JWT_SECRET} node x', 'secret: process.env.SESSION_SECRET', 'password: z.string().min(12)', 'NODE_ENV=production node server.js', 'https://user@example.com/x']) {
    assert.equal(redactSecrets(kept), kept);
  }
});

test('the secret scan has a byte budget (reported when reached) and does not keep what it reads', async (t) => {
  const f = makeFixture('scan-budget', {
    'a.js': 'export const a = 1;\n'.repeat(10),
    'b.js': 'export const b = 2;\n'.repeat(10),
    'z.js': `const key = '${PLANTED.aws}';\n`,
  });
  t.after(f.cleanup);
  const full = await assessRepository(f.dir);
  assert.equal(check(full, 'sec.no-secrets-in-code').status, 'fail');

  const cut = await assessRepository(f.dir, { limits: { secretScanBytes: 250 } });
  const scan = check(cut, 'sec.no-secrets-in-code');
  assert.equal(scan.status, 'pass');
  assert.match(scan.reason, /not scanned/);
  assert.match(problemsOf(cut)['b.js'] ?? '', /secret scan stopped at its 250-byte budget: this and 1 more file\(s\) not scanned/);

  // Texts read by the scan are not cached: a changed file is read afresh.
  const walk = await walkRepository(f.dir);
  const facts = new RepoFacts(walk);
  // Test files are looked up in a Set, not with a linear includes() per file.
  Object.defineProperty(facts.testFiles, 'includes', { value: () => assert.fail('testFiles.includes() called per file') });
  const rule = securityChecks.find((c) => c.id === 'sec.no-secrets-in-code')!;
  const ctx = { facts, envTemplates: [], docker: null, live: { monitors: [], loops: null, now: 0, staleAfterMs: 1 }, providers: {} } as unknown as Parameters<typeof rule.criterion>[0];
  assert.equal(rule.criterion(ctx).status, 'fail');
  fs.writeFileSync(path.join(f.dir, 'a.js'), 'export const a = 42;\n'.repeat(10));
  assert.match(walk.read('a.js') ?? '', /42/, 'a.js was kept in the read cache by the scan');
});

test('commented-out imports and app.use(helmet()) do not count', async (t) => {
  const pkg = JSON.stringify({ name: 'x', dependencies: { express: '^4', helmet: '^7' } });
  const commentedUse = makeFixture('helmet-comment', { 'package.json': pkg, 'src/app.js': "import express from 'express';\nimport helmet from 'helmet';\nconst app = express();\n// app.use(helmet());\n/* app.use(helmet()) */\n" });
  t.after(commentedUse.cleanup);
  const a = await assessRepository(commentedUse.dir);
  assert.equal(check(a, 'sec.helmet-used').status, 'fail');
  assert.match(check(a, 'sec.helmet-used').reason, /imported but never applied/);
  // A // inside a string is not a comment.
  const afterUrl = makeFixture('helmet-url', { 'package.json': pkg, 'src/app.js': "import express from 'express';\nimport helmet from 'helmet';\nconst app = express(); const url = 'http://example.test/'; app.use(helmet());\n" });
  t.after(afterUrl.cleanup);
  assert.equal(check(await assessRepository(afterUrl.dir), 'sec.helmet-used').status, 'pass');

  const commentedImport = makeFixture('import-comment', { 'package.json': pkg, 'src/app.js': "import express from 'express';\n// import helmet from 'helmet';\n/*\nimport compression from 'compression';\n*/\nconst app = express();\n" });
  t.after(commentedImport.cleanup);
  const b = await assessRepository(commentedImport.dir);
  assert.match(check(b, 'sec.helmet-used').reason, /listed in package\.json but no source file uses it/);
  assert.equal(check(b, 'perf.compression').status, 'fail');
});

test('known key formats are checked before placeholder words, which are tested on the secret part only', async (t) => {
  const url = `postgres://admin:${PLANTED.dbPassword}@db.example.com:5432/prod`;
  assert.match(secretFinding('DATABASE_URL', url) ?? '', /connection string with a password/);
  assert.match(secretFinding('STRIPE_SECRET_KEY', `${PLANTED.stripe} # your key here`) ?? '', /Stripe live secret key/);
  assert.equal(secretFinding('DATABASE_URL', 'postgres://user:changeme@db.example.com/app'), null);
  assert.equal(secretFinding('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'), null, 'the documented example key');
  assert.ok(isPlaceholder('your-key-here'));

  const f = makeFixture('placeholder-order', { '.env.example': `DATABASE_URL=${url}\n` });
  t.after(f.cleanup);
  const a = await assessRepository(f.dir);
  assert.equal(check(a, 'sec.env-template-placeholders').status, 'fail');
});

test('a directory reached through a symlink first is walked once, at its real path', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  writeTree(dir, { 'real/index.js': 'x\n', 'real/deep/more.js': 'x\n' });
  fs.symlinkSync('real', path.join(dir, 'a-link'));
  fs.symlinkSync('..', path.join(dir, 'real', 'deep', 'up'));
  const walk = await walkRepository(dir);
  assert.deepEqual(walk.files.map((f) => f.path).sort(), ['real/deep/more.js', 'real/index.js']);
  const problems = Object.fromEntries(walk.problems.map((p) => [p.path, p.problem]));
  assert.match(problems['a-link'] ?? '', /already walked as real, not followed/);
  assert.match(problems['real/deep/up'] ?? '', /symlink loop/);
});
