import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, lintAs } from './lint-helpers.ts';

// Files stay within 400 lines and functions within 80 (blank lines and comments not counted). The
// rules warn, and `npm run lint` fails on any warning.

/** A module of `lines` counted lines, with blank lines and comments in between that do not count. */
const longFile = (lines: number) => Array.from({ length: lines }, (_, i) => `// value ${i}\n\nexport const v${i} = ${i};`).join('\n') + '\n';

/** A function spanning `lines` counted lines from its signature to its closing brace. */
function longFunction(lines: number): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => `  n += ${i}; // step ${i}\n`).join('');
  return `export function sum(): number {\n  let n = 0;\n\n${body}  return n;\n}\n`;
}

const rules = async (code: string, at: string) => (await lintAs(code, at)).map((f) => `${f.ruleId}:${f.severity}`);

test('a file of 401 lines warns with max-lines; 400 lines pass', async () => {
  assert.deepEqual(await rules(longFile(401), 'main/monitors/lint-fixture.ts'), ['max-lines:1']);
  assert.deepEqual(await rules(longFile(400), 'main/monitors/lint-fixture.ts'), []);
  assert.deepEqual(await rules(longFile(401), 'test/monitors/lint-fixture.test.ts'), ['max-lines:1'], 'tests are held to the file limit too');
});

test('a function of 81 lines warns with max-lines-per-function; 80 lines pass', async () => {
  assert.deepEqual(await rules(longFunction(81), 'main/monitors/lint-fixture.ts'), ['max-lines-per-function:1']);
  assert.deepEqual(await rules(longFunction(80), 'main/monitors/lint-fixture.ts'), []);
  assert.deepEqual(await rules(longFunction(81), 'renderer/views/LintFixture.tsx'), ['max-lines-per-function:1']);
});

test('tests, scripts and migrations may have long functions', async () => {
  for (const at of ['test/monitors/lint-fixture.test.ts', 'scripts/lint-fixture.ts', 'main/store/migrations/999-lint-fixture.ts']) {
    assert.deepEqual(await rules(longFunction(81), at), [], at);
  }
});

test('npm run lint fails on warnings', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts.lint ?? '', /^eslint --max-warnings=0 /);
});
