// Builds better-sqlite3 for the installed Electron into .native/electron-<v>-<platform>-<arch>/,
// leaving node_modules/better-sqlite3 built for plain Node (tests, `photon serve`, the CLI).
// Run by `npm start` and `npm run dist`; returns at once when the binary already exists.
// Usage: node scripts/native-electron.mjs
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeGypPath } from './npm-paths.mjs';

export const SQLITE_BINARY = 'better_sqlite3.node';
const SOURCES = ['package.json', 'binding.gyp', 'src', 'deps', 'lib'];
const ELECTRON_HEADERS = 'https://electronjs.org/headers';

/** Must stay equal to electronNativeDir() in main/electron/native-binding.ts (a test checks it). */
export function electronNativeDir(root, electronVersion, platform, arch) {
  return path.join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`);
}

/**
 * A version-free copy for electron-builder, whose extraResources `from` is a literal path (no
 * glob) and offers no Electron-version macro. Named with electron-builder's ${arch} spelling.
 */
export function packagingNativeDir(root, platform, arch) {
  return path.join(root, '.native', `package-${platform}-${arch === 'arm' ? 'armv7l' : arch}`);
}

export function installedElectronVersion(root) {
  const file = path.join(root, 'node_modules', 'electron', 'package.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch (err) {
    throw new Error(`cannot read the installed Electron version from ${file} (${err.message}); run "npm install" first`);
  }
}

export function buildTools(root) {
  const fromSqlite = createRequire(path.join(root, 'node_modules', 'better-sqlite3', 'package.json'));
  return { prebuildInstall: fromSqlite.resolve('prebuild-install/bin.js'), nodeGyp: nodeGypPath(root) };
}

/** Runs `node <args>` in cwd with inherited output; rejects on a non-zero exit. */
export function runNode(args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`exited with ${signal ?? `code ${code}`}`))));
  });
}

export async function ensureElectronSqlite({
  root,
  platform = process.platform,
  arch = process.arch,
  run = runNode,
  tools = () => buildTools(root),
  log = (m) => console.log(m),
}) {
  const version = installedElectronVersion(root);
  const target = path.join(electronNativeDir(root, version, platform, arch), SQLITE_BINARY);
  if (fs.existsSync(target)) {
    log(`better-sqlite3 for Electron ${version} is ready: ${path.relative(root, target)}`);
  } else {
    log(`building better-sqlite3 for Electron ${version} (${platform}-${arch}) into ${path.relative(root, target)} …`);
    await build({ root, version, platform, arch, target, run, tools: tools() });
  }
  const packaged = path.join(packagingNativeDir(root, platform, arch), SQLITE_BINARY);
  fs.mkdirSync(path.dirname(packaged), { recursive: true });
  fs.copyFileSync(target, packaged);
  return target;
}

async function build({ root, version, platform, arch, target, run, tools }) {
  fs.mkdirSync(path.join(root, '.native'), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(root, '.native', 'scratch-'));
  try {
    const source = path.join(root, 'node_modules', 'better-sqlite3');
    for (const entry of SOURCES) fs.cpSync(path.join(source, entry), path.join(scratch, entry), { recursive: true });
    const failures = [];
    try {
      await run([tools.prebuildInstall, '--runtime', 'electron', '--target', version, '--arch', arch, '--platform', platform], scratch);
    } catch (err) {
      failures.push(`prebuild-install (a prebuilt binary from GitHub): ${err.message}`);
      try {
        if (!tools.nodeGyp) throw new Error('node-gyp not found (neither npm_config_node_gyp, node_modules/node-gyp nor npm’s bundled copy)');
        await run(
          [tools.nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${version}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS}`],
          scratch,
        );
      } catch (gypErr) {
        failures.push(`node-gyp (compiling from source): ${gypErr.message}`);
        throw new Error(
          `could not build better-sqlite3 for Electron ${version}:\n  - ${failures.join('\n  - ')}\n` +
            `Both need the network (GitHub for prebuilt binaries, ${ELECTRON_HEADERS} for headers); compiling also needs Python and a C++ toolchain. ` +
            'Plain-Node use (npm test, photon serve) is not affected.',
        );
      }
    }
    const built = path.join(scratch, 'build', 'Release', SQLITE_BINARY);
    if (!fs.existsSync(built)) throw new Error(`the build finished but ${built} was not produced`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Copy then rename, so an interrupted run never leaves a half-written file that looks built.
    fs.copyFileSync(built, `${target}.partial`);
    fs.renameSync(`${target}.partial`, target);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  ensureElectronSqlite({ root }).catch((err) => {
    console.error(`native-electron: ${err.message}`);
    process.exit(1);
  });
}
