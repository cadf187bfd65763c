import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildTools, ensureElectronSqlite, packagingNativeDir } from '../../scripts/native-electron.mjs';
import { ensureNodeSqlite, isAbiMismatch, probeNodeSqlite } from '../../scripts/native-node.mjs';
import { tempDir } from './running-app.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TOOLS = { prebuildInstall: '/tools/prebuild-install/bin.js', nodeGyp: '/tools/node-gyp/bin/node-gyp.js' };
const TARGET_REL = path.join('.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node');

/** A project with node_modules/electron and a better-sqlite3 source tree, and nothing built. */
function fakeProject(): string {
  const root = tempDir('photon-native-');
  const write = (rel: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };
  write('node_modules/electron/package.json', JSON.stringify({ name: 'electron', version: '45.5.0' }));
  for (const rel of ['package.json', 'binding.gyp', 'src/better_sqlite3.cpp', 'deps/sqlite3.gyp', 'lib/index.js', 'build/Release/better_sqlite3.node']) {
    write(`node_modules/better-sqlite3/${rel}`, `node-side ${rel}`);
  }
  return root;
}

type Call = { args: string[]; cwd: string; copied: string[] };

/** A fake `node <tool>` runner: records each call; the outcome decides success and what it builds. */
function runner(outcomes: Record<'prebuild' | 'gyp', 'ok' | 'fail'>) {
  const calls: Call[] = [];
  const run = async (args: string[], cwd: string) => {
    calls.push({ args, cwd, copied: fs.readdirSync(cwd).sort() });
    const which = args[0] === TOOLS.prebuildInstall ? 'prebuild' : 'gyp';
    if (outcomes[which] === 'fail') throw new Error(`${which} could not reach the network`);
    fs.mkdirSync(path.join(cwd, 'build', 'Release'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'build', 'Release', 'better_sqlite3.node'), `electron build by ${which}`);
  };
  return { calls, run };
}

const options = (root: string, run: (args: string[], cwd: string) => Promise<void>) => ({
  root,
  platform: 'linux',
  arch: 'x64',
  run,
  tools: () => TOOLS,
  log: () => {},
});

test('native-electron: a prebuilt binary is fetched in a scratch copy and lands in .native, node_modules untouched', async () => {
  const root = fakeProject();
  const { calls, run } = runner({ prebuild: 'ok', gyp: 'fail' });
  const target = await ensureElectronSqlite(options(root, run));
  assert.equal(target, path.join(root, TARGET_REL));
  assert.equal(fs.readFileSync(target, 'utf8'), 'electron build by prebuild');
  assert.equal(calls.length, 1);
  assert.deepEqual(calls[0]!.args, [TOOLS.prebuildInstall, '--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64', '--platform', 'linux']);
  assert.deepEqual(calls[0]!.copied, ['binding.gyp', 'deps', 'lib', 'package.json', 'src']);
  assert.ok(calls[0]!.cwd.startsWith(path.join(root, '.native')));
  assert.equal(fs.existsSync(calls[0]!.cwd), false, 'the scratch folder must be removed');
  assert.equal(fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), 'utf8'), 'node-side build/Release/better_sqlite3.node');
  assert.equal(fs.readFileSync(path.join(packagingNativeDir(root, 'linux', 'x64'), 'better_sqlite3.node'), 'utf8'), 'electron build by prebuild');
});

test('native-electron: when no prebuilt binary is reachable it compiles with node-gyp against Electron headers', async () => {
  const root = fakeProject();
  const { calls, run } = runner({ prebuild: 'fail', gyp: 'ok' });
  const target = await ensureElectronSqlite(options(root, run));
  assert.equal(fs.readFileSync(target, 'utf8'), 'electron build by gyp');
  assert.deepEqual(calls[1]!.args, [
    TOOLS.nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    '--target=45.5.0',
    '--arch=x64',
    '--dist-url=https://electronjs.org/headers',
  ]);
  assert.deepEqual(fs.readdirSync(path.join(root, '.native')).sort(), ['electron-45.5.0-linux-x64', 'package-linux-x64']);
});

test('native-electron: already built means no build at all (fast and idempotent)', async () => {
  const root = fakeProject();
  await ensureElectronSqlite(options(root, runner({ prebuild: 'ok', gyp: 'ok' }).run));
  const again = runner({ prebuild: 'ok', gyp: 'ok' });
  let toolsAsked = false;
  await ensureElectronSqlite({ ...options(root, again.run), tools: () => ((toolsAsked = true), TOOLS) });
  assert.deepEqual(again.calls, []);
  assert.equal(toolsAsked, false);
});

test('native-electron: when both ways fail (offline) the error says why and nothing half-built remains', async () => {
  const root = fakeProject();
  await assert.rejects(ensureElectronSqlite(options(root, runner({ prebuild: 'fail', gyp: 'fail' }).run)), (err: Error) => {
    assert.match(err.message, /could not build better-sqlite3 for Electron 45\.5\.0/);
    assert.match(err.message, /prebuild-install.*network/);
    assert.match(err.message, /node-gyp.*network/);
    assert.match(err.message, /Python and a C\+\+ toolchain/);
    return true;
  });
  assert.deepEqual(fs.readdirSync(path.join(root, '.native')), []);
});

test('native-electron: a project without node_modules/electron gets a clear message', async () => {
  const root = tempDir('photon-native-empty-');
  await assert.rejects(ensureElectronSqlite(options(root, runner({ prebuild: 'ok', gyp: 'ok' }).run)), /installed Electron version.*npm install/s);
});

test('native-electron: the real tools resolve in this checkout', () => {
  const tools = buildTools(REPO);
  assert.ok(fs.existsSync(tools.prebuildInstall), tools.prebuildInstall);
  assert.ok(tools.nodeGyp && fs.existsSync(tools.nodeGyp), String(tools.nodeGyp));
});

const ABI_ERROR =
  "The module '/p/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 140. This version of Node.js requires\nNODE_MODULE_VERSION 115.";

test('native-node: a working better-sqlite3 needs nothing', () => {
  let rebuilt = false;
  const code = ensureNodeSqlite({ root: REPO, probe: () => ({ ok: true }), rebuild: () => (rebuilt = true), log: () => {} });
  assert.equal(code, 0);
  assert.equal(rebuilt, false);
});

test('native-node: an Electron-ABI build in node_modules is rebuilt for Node and checked again', () => {
  const probes = [{ ok: false as const, message: ABI_ERROR }, { ok: true as const }];
  const logs: string[] = [];
  let rebuilds = 0;
  const code = ensureNodeSqlite({ root: REPO, probe: () => probes.shift()!, rebuild: () => (rebuilds++, true), log: (m) => logs.push(m) });
  assert.equal(code, 0);
  assert.equal(rebuilds, 1);
  assert.match(logs.join('\n'), /built for another runtime/);
});

test('native-node: a failed rebuild, or a failure that is not about the ABI, ends with exit code 1', () => {
  const quiet = { root: REPO, log: () => {} };
  assert.equal(ensureNodeSqlite({ ...quiet, probe: () => ({ ok: false, message: ABI_ERROR }), rebuild: () => false }), 1);
  assert.equal(ensureNodeSqlite({ ...quiet, probe: () => ({ ok: false, message: ABI_ERROR }), rebuild: () => true }), 1);
  let rebuilt = false;
  assert.equal(
    ensureNodeSqlite({ ...quiet, probe: () => ({ ok: false, message: "Cannot find module 'better-sqlite3'" }), rebuild: () => (rebuilt = true) }),
    1,
  );
  assert.equal(rebuilt, false);
});

test('native-node: recognises both forms of the ABI mismatch message', () => {
  assert.equal(isAbiMismatch(ABI_ERROR), true);
  assert.equal(isAbiMismatch('Error: The module was compiled against a different Node.js version'), true);
  assert.equal(isAbiMismatch('Error: Cannot find module'), false);
});

test('native-node: in this checkout better-sqlite3 loads and the hook exits 0', () => {
  assert.deepEqual(probeNodeSqlite(REPO), { ok: true });
  const result = spawnSync(process.execPath, ['scripts/native-node.mjs'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
