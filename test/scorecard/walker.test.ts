import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { MAX_READ_BYTES, NotADirectoryError, walkRepository } from '../../main/scorecard/evidence/walk-repository.ts';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { writeTree } from './fixtures.ts';

test('.gitignore rules (root and nested) are respected; node_modules and .git are skipped', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  writeTree(dir, {
    '.gitignore': 'dist/\n*.log\n',
    'src/a.js': 'x',
    'dist/bundle.js': 'x',
    'debug.log': 'x',
    'pkg/.gitignore': 'generated/\n!keep.log\n',
    'pkg/generated/x.js': 'x',
    'pkg/keep.log': 'x',
    'node_modules/helmet/index.js': 'x',
    'pkg/node_modules/x/index.js': 'x',
    '.git/config': 'x',
  });
  const walk = await walkRepository(dir);
  assert.deepEqual(walk.files.map((f) => f.path).sort(), ['.gitignore', 'pkg/.gitignore', 'pkg/keep.log', 'src/a.js']);
  assert.deepEqual(walk.problems, []);
});

test('binary files, a huge file, symlink loops, links out of the repository and broken links are reported, never fatal', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  writeTree(dir, {
    'src/index.js': "import helmet from 'helmet';\napp.use(helmet());\n",
    'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
    'data/blob.dat': Buffer.concat([Buffer.from('abc'), Buffer.alloc(64), Buffer.from('def')]),
    'data/huge.js': 'x'.repeat(MAX_READ_BYTES + 10),
  });
  fs.symlinkSync('.', path.join(dir, 'loop-to-root'));
  fs.mkdirSync(path.join(dir, 'a'));
  fs.symlinkSync('../a', path.join(dir, 'a', 'again'));
  fs.symlinkSync('self', path.join(dir, 'self'));
  fs.symlinkSync(outside.dir, path.join(dir, 'outside'));
  fs.symlinkSync('missing-target', path.join(dir, 'dangling'));
  fs.symlinkSync('src/index.js', path.join(dir, 'index-link.js'));

  const walk = await walkRepository(dir);
  const paths = walk.files.map((f) => f.path).sort();
  assert.deepEqual(paths, ['assets/logo.png', 'data/blob.dat', 'data/huge.js', 'index-link.js', 'src/index.js']);
  assert.equal(walk.read('assets/logo.png'), null);
  assert.equal(walk.read('data/blob.dat'), null);
  assert.equal(walk.read('data/huge.js'), null);
  assert.match(walk.read('index-link.js') ?? '', /helmet/);
  const problems = Object.fromEntries(walk.problems.map((p) => [p.path, p.problem]));
  assert.match(problems['loop-to-root']!, /symlink loop/);
  assert.match(problems['a/again']!, /symlink loop/);
  assert.match(problems['self']!, /symlink loop/);
  assert.match(problems['outside']!, /outside the repository/);
  assert.match(problems['dangling']!, /broken symlink/);
  assert.match(problems['data/blob.dat']!, /binary/);
  assert.match(problems['data/huge.js']!, new RegExp(`${MAX_READ_BYTES + 10} bytes is over the ${MAX_READ_BYTES}-byte limit`));

  // The whole assessment goes through and lists the same problems.
  const a = await assessRepository(dir);
  assert.equal(a.checks.find((c) => c.id === 'sec.helmet-used')!.status, 'pass');
  assert.ok(a.walk.problems.some((p) => p.path === 'data/huge.js'));
});

test('a path that is not a directory is refused with the reason', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
  await assert.rejects(walkRepository(path.join(dir, 'file.txt')), (e: unknown) => e instanceof NotADirectoryError && /not a directory/.test(e.message));
  await assert.rejects(walkRepository(path.join(dir, 'nope')), (e: unknown) => e instanceof NotADirectoryError && /no such directory/.test(e.message));
});

test('unreadable files and directories are reported, not fatal (run as an unprivileged user)', async (t) => {
  const { dir, cleanup } = makeTempDir();
  t.after(cleanup);
  writeTree(dir, { 'README.md': '# x\n', 'secret/inner.js': 'x', 'locked.js': 'x' });
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'secret'), 0o000);
  fs.chmodSync(path.join(dir, 'locked.js'), 0o000);
  // root reads everything; the walk must meet a real EACCES, so it runs as nobody when we are root.
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const script = `import { walkRepository } from ${JSON.stringify(path.resolve('main/scorecard/evidence/walk-repository.ts'))};
const w = await walkRepository(${JSON.stringify(dir)});
w.read('locked.js');
console.log(JSON.stringify({ files: w.files.map((f) => f.path).sort(), problems: w.problems }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', ...asNobody, cwd: process.cwd() });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: string[]; problems: Array<{ path: string; problem: string }> };
  assert.deepEqual(out.files, ['README.md', 'locked.js']);
  assert.deepEqual(out.problems.map((p) => `${p.path}: ${p.problem}`).sort(), ['locked.js: not readable (EACCES)', 'secret: directory not readable (EACCES)']);
});
