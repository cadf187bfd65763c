import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { packagingNativeDir } from '../../scripts/native-electron.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const config = YAML.parse(fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));
// electron-builder's own internals, used to check the file the way `electron-builder` reads it.
const requireBuilder = createRequire(path.join(REPO, 'node_modules', 'app-builder-lib', 'package.json'));
const { validateConfiguration } = requireBuilder('./out/util/config/config.js');
const { expandMacro } = requireBuilder('./out/util/macroExpander.js');
const { DebugLogger } = requireBuilder('builder-util');
const { PlatformPackager } = requireBuilder('./out/index.js');
const { FuseV1Options, FuseVersion } = requireBuilder('@electron/fuses');

test('electron-builder.yml passes electron-builder’s schema validation', async () => {
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...structuredClone(config), npmRebuilt: false }, new DebugLogger(false)), /unknown property/);
  // The schema reaches inside electronFuses too: a misspelt fuse would otherwise be silently unset.
  const misspelt = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsnode: false } };
  await assert.rejects(validateConfiguration(misspelt, new DebugLogger(false)), /configuration\.electronFuses should be/);
});

test('the Electron fuses: no run-as-node, NODE_OPTIONS or inspect flags; encrypted cookies; app code only from an integrity-checked asar', async () => {
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
  // What electron-builder hands to @electron/fuses' flipFuses for this file, fuse by fuse.
  const wire = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
  assert.equal(wire.version, FuseVersion.V1);
  assert.equal(wire[FuseV1Options.RunAsNode], false);
  assert.equal(wire[FuseV1Options.EnableCookieEncryption], true);
  assert.equal(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
  assert.equal(wire[FuseV1Options.EnableNodeCliInspectArguments], false);
  assert.equal(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], true);
  assert.equal(wire[FuseV1Options.OnlyLoadAppFromAsar], true);
  assert.equal(wire[FuseV1Options.GrantFileProtocolExtraPrivileges], false);
  // onlyLoadAppFromAsar needs the app packed into app.asar: electron-builder's default, kept.
  assert.notEqual(config.asar, false);
});

test('the packaged app gets the Electron build of better-sqlite3 at resources/native/better_sqlite3.node', () => {
  assert.equal(config.npmRebuild, false);
  assert.equal(config.extraResources.length, 1);
  const [{ from, to }] = config.extraResources;
  assert.equal(to, 'native/better_sqlite3.node');
  // `from` is stat-ed as a literal path (no glob): it must expand to the file native-electron.mjs stages.
  assert.doesNotMatch(from.replace(/\$\{\w+\}/g, ''), /[*?[\]{}]/);
  for (const [processArch, builderArch] of [
    ['x64', 'x64'],
    ['arm64', 'arm64'],
    ['ia32', 'ia32'],
    ['arm', 'armv7l'],
  ] as const) {
    const expanded = expandMacro(from, builderArch, {}, {});
    const staged = path.relative(REPO, path.join(packagingNativeDir(REPO, process.platform, processArch), 'better_sqlite3.node'));
    assert.equal(path.normalize(expanded), staged, `arch ${processArch}`);
  }
});

test('identity, contents and targets', () => {
  assert.equal(config.appId, 'net.photonconsole.app');
  assert.equal(config.productName, 'Photon Console');
  assert.equal(config.directories.output, 'dist');
  assert.deepEqual(config.files, ['out/**', 'package.json', 'bin/**', '!**/*.map']);
  assert.deepEqual(config.asarUnpack, ['**/*.node']);
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.ok(config.deb.depends.includes('libsecret-1-0'));
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
});
