// The `pretest` hook: makes sure node_modules/better-sqlite3 loads in plain Node. If someone rebuilt
// it in place for Electron (e.g. electron-rebuild), it is rebuilt for Node; the Electron build
// belongs in .native/ (scripts/native-electron.mjs). Quick and silent when all is well.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmCliPath } from './npm-paths.mjs';

// In a child process: a native module that failed to load stays mapped in this one.
const PROBE = "const Database = require('better-sqlite3'); new Database(':memory:').close();";

export function probeNodeSqlite(root) {
  const result = spawnSync(process.execPath, ['-e', PROBE], { cwd: root, encoding: 'utf8' });
  if (result.status === 0) return { ok: true };
  return { ok: false, message: (result.stderr || result.error?.message || `exit ${result.status}`).trim() };
}

export function isAbiMismatch(message) {
  return /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message);
}

export function rebuildForNode(root) {
  return spawnSync(process.execPath, [npmCliPath(), 'rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' }).status === 0;
}

/** Returns the exit code: 0 when better-sqlite3 works (possibly after a rebuild). */
export function ensureNodeSqlite({ root, probe = probeNodeSqlite, rebuild = rebuildForNode, log = (m) => console.error(m) }) {
  const first = probe(root);
  if (first.ok) return 0;
  if (!isAbiMismatch(first.message)) {
    log(`native-node: better-sqlite3 cannot be loaded by Node ${process.version}:\n${first.message}`);
    return 1;
  }
  log(`native-node: node_modules/better-sqlite3 was built for another runtime (probably Electron); rebuilding it for Node ${process.version}.`);
  if (!rebuild(root)) {
    log('native-node: "npm rebuild better-sqlite3" failed; see its output above.');
    return 1;
  }
  const second = probe(root);
  if (second.ok) return 0;
  log(`native-node: better-sqlite3 still cannot be loaded after the rebuild:\n${second.message}`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = ensureNodeSqlite({ root: fileURLToPath(new URL('..', import.meta.url)) });
}
