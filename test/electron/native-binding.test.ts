import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { electronNativeDir, resolveSqliteNativeBinding, type NativeBindingContext } from '../../main/electron/native-binding.ts';
import * as script from '../../scripts/native-electron.mjs';

const base: NativeBindingContext = {
  isPackaged: false,
  resourcesPath: path.join('/opt', 'Photon Console', 'resources'),
  appRoot: path.join('/home', 'dev', 'photon-console'),
  electronVersion: '45.5.0',
  arch: 'x64',
  platform: 'linux',
};
const exists = (p: string) => p === allowed;
let allowed = '';

test('under plain Node (tests, photon serve) there is no override: node_modules/better-sqlite3 is used', () => {
  assert.equal(resolveSqliteNativeBinding({ ...base, electronVersion: undefined }, () => true), undefined);
  assert.equal(resolveSqliteNativeBinding({ ...base, electronVersion: undefined, isPackaged: true }, () => true), undefined);
  assert.equal(process.versions.electron, undefined, 'the tests themselves run under plain Node');
});

test('an installed app loads the binary shipped in resources/native/', () => {
  allowed = path.join(base.resourcesPath, 'native', 'better_sqlite3.node');
  assert.equal(resolveSqliteNativeBinding({ ...base, isPackaged: true }, exists), allowed);
});

test('in development it loads .native/electron-<version>-<platform>-<arch>/ under the project root', () => {
  allowed = path.join(base.appRoot, '.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node');
  assert.equal(resolveSqliteNativeBinding(base, exists), allowed);
  allowed = path.join(base.appRoot, '.native', 'electron-46.0.1-darwin-arm64', 'better_sqlite3.node');
  assert.equal(resolveSqliteNativeBinding({ ...base, electronVersion: '46.0.1', platform: 'darwin', arch: 'arm64' }, exists), allowed);
});

test('a missing development binary says exactly how to build it', () => {
  assert.throws(
    () => resolveSqliteNativeBinding(base, () => false),
    (err: Error) =>
      err.message.includes(path.join('.native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node')) &&
      err.message.includes('npm start') &&
      err.message.includes('node scripts/native-electron.mjs') &&
      err.message.includes('Electron 45.5.0'),
  );
});

test('a missing binary in an installed app is reported as a broken installation', () => {
  assert.throws(() => resolveSqliteNativeBinding({ ...base, isPackaged: true }, () => false), /resources.*native.*better_sqlite3\.node is missing.*Reinstall/s);
});

test('the build script writes exactly where the app looks', () => {
  for (const [version, platform, arch] of [
    ['45.5.0', 'linux', 'x64'],
    ['45.5.0', 'win32', 'ia32'],
    ['46.1.0', 'darwin', 'arm64'],
  ] as const) {
    assert.equal(script.electronNativeDir(base.appRoot, version, platform, arch), electronNativeDir(base.appRoot, version, platform, arch));
  }
});
