// An assessed repository is untrusted: FIFOs, devices and links out of it are noted and skipped, a
// file swapped for a link to the outside after the walk is still not read, and a hostile
// photon.yml is a problem with its line, never a failed assessment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assessRepository } from '../../main/scorecard/assess.ts';
import { walkRepository } from '../../main/scorecard/evidence/walk-repository.ts';
import { makeFifo, unblockFifoLater } from '../helpers/special-files.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { makeFixture } from './fixtures.ts';

const MARKER = 'outside-the-repository-7f3a';

test('FIFOs, devices and links to them or out of the repository are skipped with a note; the assessment completes', async (t) => {
  const f = makeFixture('special', { 'README.md': '# x\n', 'src/index.js': 'export {};\n' });
  t.after(f.cleanup);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  fs.writeFileSync(path.join(outside.dir, 'secret.js'), `// ${MARKER}\n`);
  makeFifo(path.join(f.dir, 'pipe.js'));
  t.after(unblockFifoLater(path.join(f.dir, 'pipe.js')));
  fs.symlinkSync('pipe.js', path.join(f.dir, 'to-pipe.js'));
  fs.symlinkSync(path.join(outside.dir, 'secret.js'), path.join(f.dir, 'leak.js'));
  fs.symlinkSync('/etc/passwd', path.join(f.dir, 'passwd.js'));
  let device = true;
  try {
    execFileSync('mknod', [path.join(f.dir, 'zero.js'), 'c', '1', '5']);
  } catch {
    device = false; // mknod needs CAP_MKNOD; the FIFO covers the same path
  }

  const a = await assessRepository(f.dir);
  const problems = Object.fromEntries(a.walk.problems.map((p) => [p.path, p.problem]));
  assert.equal(problems['pipe.js'], 'a FIFO (named pipe), not a regular file; skipped');
  assert.equal(problems['to-pipe.js'], 'a symlink to a FIFO (named pipe), not a regular file; skipped');
  assert.match(problems['leak.js'] ?? '', /outside the repository, not followed/);
  assert.match(problems['passwd.js'] ?? '', /outside the repository, not followed/);
  if (device) assert.equal(problems['zero.js'], 'a character device, not a regular file; skipped');
  assert.ok(!JSON.stringify(a).includes(MARKER), 'nothing from outside the repository is in the assessment');
  assert.ok(!JSON.stringify(a).includes('root:x:0:0'), '/etc/passwd is not in the assessment');
});

test('a file replaced by a link to the outside (or by a FIFO) after the walk is refused when read, not followed', async (t) => {
  const f = makeFixture('swap', { 'a.js': 'export const a = 1;\n', 'b.js': 'export const b = 2;\n', 'c.js': 'export const c = 3;\n' });
  t.after(f.cleanup);
  const outside = makeTempDir();
  t.after(outside.cleanup);
  fs.writeFileSync(path.join(outside.dir, 'secret.js'), `// ${MARKER}\n`);
  const walk = await walkRepository(f.dir);
  fs.rmSync(path.join(f.dir, 'a.js'));
  fs.symlinkSync(path.join(outside.dir, 'secret.js'), path.join(f.dir, 'a.js'));
  fs.rmSync(path.join(f.dir, 'b.js'));
  makeFifo(path.join(f.dir, 'b.js'));
  t.after(unblockFifoLater(path.join(f.dir, 'b.js')));
  assert.equal(walk.read('a.js'), null, 'the link to the outside was followed');
  assert.equal(walk.read('b.js'), null);
  assert.match(walk.read('c.js') ?? '', /c = 3/);
  const problems = Object.fromEntries(walk.problems.map((p) => [p.path, p.problem]));
  assert.match(problems['a.js'] ?? '', /outside the repository/);
  assert.equal(problems['b.js'], 'not a regular file (a FIFO (named pipe)), not read');
});

test('an alias-bomb photon.yml in an assessed repository is a problem with its line; the assessment completes', async (t) => {
  const bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (const [from, to] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g']]) bomb.push(`${to}: &${to} [${Array(9).fill(`*${from}`).join(', ')}]`);
  const f = makeFixture('yaml-bomb', { 'README.md': '# x\n', 'photon.yml': bomb.join('\n') + '\n' });
  t.after(f.cleanup);
  const a = await assessRepository(f.dir);
  assert.equal(a.declared, null);
  const p = a.walk.problems.find((x) => x.path === 'photon.yml');
  assert.match(p?.problem ?? '', /^line 2: aliases expand too much/);
});
