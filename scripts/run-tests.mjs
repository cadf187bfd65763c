// Runs every test/**/*.test.ts with Node's own test runner, TypeScript through tsx, and the
// `electron` module resolved to a recording stub (the Electron binary cannot run on CI machines).
// Usage: node scripts/run-tests.mjs [substring filter ...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : find(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const files = find(path.join(root, 'test'))
  .map((f) => path.relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './test/helpers/electron-stub/register.mjs', '--test', '--test-concurrency=1', ...files],
  // PHOTON_CONTRACT_CHECKS: every handler result and event payload is checked against the contract.
  { cwd: root, stdio: 'inherit', env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.test.json'), PHOTON_TEST_OUTPUT: path.join(root, 'test-output'), PHOTON_CONTRACT_CHECKS: '1' } },
);
process.exit(result.status ?? 1);
