import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './lint-helpers.ts';

// `npm run typecheck` compiles three programs, each with the globals of where its code runs: a
// renderer file that reaches for `process`, or a main file that reaches for `document`, fails.

function parse(config: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!parsed) throw new Error(`cannot read ${config}`);
  return parsed;
}

/** The diagnostics of one probe file compiled with `config`'s options, as if it sat at `at`. */
function probe(config: string, at: string, source: string): string[] {
  const { options } = parse(config);
  const file = path.join(ROOT, at);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f === file ? ts.createSourceFile(f, source, lang) : getSourceFile(f, lang, ...rest));
  const program = ts.createProgram({ rootNames: [file], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const USES_NODE = "export const home = process.env.HOME ?? Buffer.from('x').toString();\n";
const USES_DOM = 'export const title = document.title;\n';

test('the renderer program has the DOM and no Node globals', () => {
  assert.deepEqual(probe('tsconfig.renderer.json', 'renderer/probe.ts', USES_DOM), []);
  const errors = probe('tsconfig.renderer.json', 'renderer/probe.ts', USES_NODE).join('\n');
  assert.match(errors, /Cannot find name 'process'/);
  assert.match(errors, /Cannot find name 'Buffer'/);
});

test('the main program has Node and no DOM globals', () => {
  assert.deepEqual(probe('tsconfig.main.json', 'main/core/probe.ts', USES_NODE), []);
  assert.match(probe('tsconfig.main.json', 'main/core/probe.ts', USES_DOM).join('\n'), /Cannot find name 'document'/);
});

test('the test program has both', () => {
  assert.deepEqual(probe('tsconfig.test.json', 'test/probe.ts', USES_NODE + USES_DOM), []);
});

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === 'test/fixtures/lint' ? [] : sources(rel);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [rel] : [];
  });
}

test('every TypeScript file is in one of the three programs (tsconfig.json itself compiles nothing)', () => {
  assert.deepEqual(parse('tsconfig.json').fileNames, []);
  const covered = new Set(['tsconfig.main.json', 'tsconfig.renderer.json', 'tsconfig.test.json'].flatMap((c) => parse(c).fileNames));
  const all = ['main', 'preload', 'renderer', 'test', 'scripts', 'bench'].flatMap(sources);
  assert.ok(all.length > 300, `found only ${all.length} files`);
  assert.deepEqual(all.filter((f) => !covered.has(path.join(ROOT, f).split(path.sep).join('/'))), []);
});
