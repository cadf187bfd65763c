import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// The security rules are only worth something if they fire: lint snippets as if they sat at real paths.
const eslint = new ESLint({ cwd: process.cwd() });

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

test('shell.openExternal is banned outside its safe wrapper', async () => {
  const code = "import { shell } from 'electron';\nexport const go = (u: string) => shell.openExternal(u);\n";
  assert.ok((await messages(code, 'main/electron/window.ts')).some((m) => m.includes('openExternalSafely')));
  assert.deepEqual(await messages(code, 'main/electron/open-external.ts'), []);
});

test('child_process.exec and execSync are banned everywhere; execFile is fine', async () => {
  const bad = "import { exec } from 'node:child_process';\nexport const run = (c: string) => exec(c);\n";
  assert.ok((await messages(bad, 'main/server/x.ts')).some((m) => m.includes('argument arrays')));
  assert.ok((await messages(bad.replace('node:child_process', 'child_process').replace('exec', 'execSync'), 'scripts/x.ts')).length > 0);
  const good = "import { execFile } from 'node:child_process';\nexport const run = () => execFile('ls', ['-l']);\n";
  assert.deepEqual(await messages(good, 'main/server/x.ts'), []);
});

test('the core may not import electron; the glue may', async () => {
  const code = "import { app } from 'electron';\nexport const v = app;\n";
  assert.ok((await messages(code, 'main/store/x.ts')).some((m) => m.includes('never imports electron')));
  assert.deepEqual(await messages(code, 'main/electron/x.ts'), []);
});

test('the renderer reaches main only through the contract', async () => {
  assert.ok((await messages("import fs from 'node:fs';\nexport const f = fs;\n", 'renderer/x.ts')).length > 0);
  assert.ok((await messages("import { createCore } from '../main/app/create-core.ts';\nexport const c = createCore;\n", 'renderer/x.ts')).length > 0);
  assert.deepEqual(await messages("import { METHOD_NAMES } from '../preload/contract.ts';\nexport const m = METHOD_NAMES;\n", 'renderer/x.ts'), []);
});
