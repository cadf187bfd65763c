import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The tests run the glue against a stub, so only the compiler can tell whether it also fits the
// real Electron API: the glue is type-checked here against node_modules/electron/electron.d.ts.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const parsed = ts.getParsedCommandLineOfConfigFile(path.join(REPO, 'tsconfig.main.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!parsed) throw new Error('cannot read tsconfig.main.json');
const options = parsed.options;

const glue = [
  ...fs.readdirSync(path.join(REPO, 'main/electron')).map((f) => path.join(REPO, 'main/electron', f)),
  path.join(REPO, 'preload/index.ts'),
  path.join(REPO, 'preload/bridge.ts'),
].filter((f) => f.endsWith('.ts'));

function diagnostics(rootNames: string[], host = ts.createCompilerHost(options)): string[] {
  const program = ts.createProgram({ rootNames, options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test("'electron' resolves, for the compiler, to the real electron.d.ts and not to the stub", () => {
  const resolved = ts.resolveModuleName('electron', path.join(REPO, 'main/electron/window.ts'), options, ts.sys).resolvedModule;
  assert.equal(resolved?.resolvedFileName, path.join(REPO, 'node_modules/electron/electron.d.ts'));
});

test('the Electron glue and the preload type-check against the real Electron API', () => {
  assert.ok(glue.length >= 10, `found only ${glue.length} glue files`);
  assert.deepEqual(diagnostics(glue), []);
});

test('the check has teeth: a misspelt webPreference is a type error', () => {
  const probe = path.join(REPO, 'main/electron/__types_probe__.ts');
  const source = "import { BrowserWindow } from 'electron';\nnew BrowserWindow({ webPreferences: { contextIsolaton: true } });\n";
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = ((exists) => (f: string) => f === probe || exists(f))(host.fileExists.bind(host));
  host.readFile = (f) => (f === probe ? source : readFile(f));
  host.getSourceFile = (f, lang, ...rest) => (f === probe ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, ...rest));
  assert.match(diagnostics([probe], host).join('\n'), /contextIsolaton/);
});
