// Where npm's own files are, for the native scripts: they run tools with `node <script>` argument
// arrays (never a shell string), which also avoids the .cmd shims that need a shell on Windows.
import fs from 'node:fs';
import path from 'node:path';

/** npm's install folder beside this Node (lib/node_modules/npm on Unix, node_modules\npm on Windows). */
export function npmInstallDir(execPath = process.execPath, platform = process.platform) {
  const bin = path.dirname(fs.realpathSync(execPath));
  return platform === 'win32' ? path.join(bin, 'node_modules', 'npm') : path.join(bin, '..', 'lib', 'node_modules', 'npm');
}

/** npm-cli.js: the one npm runs us with when started from an npm script, else the one beside Node. */
export function npmCliPath(env = process.env) {
  if (env.npm_execpath && path.basename(env.npm_execpath) === 'npm-cli.js') return env.npm_execpath;
  return path.join(npmInstallDir(), 'bin', 'npm-cli.js');
}

/** node-gyp: npm's own (which npm announces), the project's, or the copy bundled with npm. */
export function nodeGypPath(root, env = process.env) {
  const candidates = [
    env.npm_config_node_gyp,
    path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(npmInstallDir(), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((c) => c && fs.existsSync(c)) ?? null;
}
