import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../main/ssh/run-command.ts';
import { shellQuote, shellQuoteArgv } from '../../main/ssh/shell-quote.ts';
import { sshdSession } from './ssh-test-utils.ts';

const ssh = sshdSession();
// Created only if an injected command runs; sshd sessions run on this same machine.
const canary = path.join(os.tmpdir(), `photon-quote-canary-${process.pid}`);

after(() => {
  fs.rmSync(canary, { force: true });
});

test('the quoter wraps in single quotes and writes an embedded quote as \'\\\'\'', () => {
  assert.equal(shellQuote('abc'), `'abc'`);
  assert.equal(shellQuote(''), `''`);
  assert.equal(shellQuote(`it's`), `'it'\\''s'`);
  assert.equal(shellQuote(`''`), `''\\'''\\'''`);
  assert.equal(shellQuoteArgv(['systemctl', 'is-active', '--', 'a b']), `'systemctl' 'is-active' '--' 'a b'`);
});

test('NUL bytes and empty argument vectors are refused', () => {
  assert.throws(() => shellQuote('a\0b'), /NUL/);
  assert.throws(() => shellQuoteArgv(['echo', '\0']), /NUL/);
  assert.throws(() => shellQuoteArgv([]), /at least one/);
});

// Each value must come back byte-for-byte from a real remote shell, and none may run anything.
const hostile = () => [
  `x; rm -rf /nonexistent-photon-dir; touch ${canary}`,
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `'; touch ${canary}; '`,
  `"; touch ${canary}; "`,
  `a\nb\ntouch ${canary}`,
  `line\r\nbreak`,
  `tab\there`,
  `$HOME $PATH \${IFS} $$ $? $! $0 $1 $@ $*`,
  `* ? [a-z] ~ ~root`,
  `\\ \\\\ \\' \\"`,
  `!! !$ !-1`,
  `<(id) >(id) > ${canary} < /etc/passwd | cat && id || id &`,
  `{a,b} {1..3}`,
  `# not a comment`,
  `-n`,
  `--help`,
  ` leading and trailing spaces `,
  `ünïcødé ✓ 日本語 🚀 \u200b RTL \u202e`,
  `'''`,
  `\x01\x02\x1b[31mred\x1b[0m\x7f`,
  `%s %d %n`,
  '',
];

for (const [i, value] of hostile().entries()) {
  test(`hostile value #${i} (${JSON.stringify(value).slice(0, 40)}) comes back byte-for-byte through sshd`, async () => {
    const r = await runCommand(ssh.conn, ['printf', '%s', value]);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.stdout, value);
    assert.equal(fs.existsSync(canary), false, 'an injected command ran');
  });
}

test('all hostile values as one argv keep their boundaries: one argument each', async () => {
  const values = hostile();
  const r = await runCommand(ssh.conn, ['printf', '[%s]\\n', ...values]);
  // The printf format itself is quoted: \n reaches printf as backslash-n, which printf expands.
  assert.equal(r.stdout, values.map((v) => `[${v}]\n`).join(''));
  const count = await runCommand(ssh.conn, ['sh', '-c', 'echo $#', 'sh', ...values]);
  assert.equal(count.stdout, `${values.length}\n`);
  assert.equal(fs.existsSync(canary), false);
});
