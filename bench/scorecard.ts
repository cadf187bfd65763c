// `assess` on a generated 10,000-file repository (target ≤ 2 s). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assessRepository } from '../main/scorecard/assess.ts';

const FILES = 10_000;
const RUNS = 3;

function generate(dir: string): void {
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write('package.json', JSON.stringify({ name: 'bench', engines: { node: '>=20' }, scripts: { test: 'node --test' }, dependencies: { express: '^4', helmet: '^7', pino: '^9' } }, null, 2));
  write('.gitignore', 'node_modules\n.env\ndist/\n');
  write('.env.example', 'DATABASE_URL=postgres://user:password@localhost/app\nJWT_SECRET=your-secret-here\n');
  write('README.md', '# Bench\n\n## Installation\n\n## Usage\n');
  write('Dockerfile', 'FROM node:22-alpine\nUSER node\nCMD ["node", "src/index.js"]\n');
  let n = 5;
  for (let i = 0; n < FILES; i++) {
    const dirName = `src/module-${Math.floor(i / 50)}/part-${i % 5}`;
    const kind = i % 10;
    if (kind < 7) {
      write(`${dirName}/file-${i}.ts`, `import { helper } from '../util';\nimport pino from 'pino';\n\nexport function f${i}(x: number): number {\n  const log = pino();\n  log.info({ x }, 'called ${i}');\n  return helper(x) + ${i};\n}\n`.repeat(3));
    } else if (kind < 8) {
      write(`${dirName}/file-${i}.test.ts`, `import { test } from 'node:test';\ntest('f${i}', () => {});\n`);
    } else if (kind < 9) {
      write(`${dirName}/data-${i}.json`, JSON.stringify({ id: i, values: Array.from({ length: 20 }, (_, k) => k * i) }));
    } else {
      write(`${dirName}/notes-${i}.md`, `# Note ${i}\n\nSome text about module ${i}.\n`);
    }
    n++;
  }
  // Skipped by the walk, as they would be in a real repository.
  for (let i = 0; i < 500; i++) write(`node_modules/pkg-${i}/index.js`, 'module.exports = {};\n');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-bench-assess-'));
try {
  generate(dir);
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('git', ['add', '-A'], { cwd: dir });
  const times: number[] = [];
  let files = 0;
  let checks = 0;
  for (let r = 0; r < RUNS; r++) {
    const started = performance.now();
    const a = await assessRepository(dir);
    times.push(performance.now() - started);
    files = a.walk.files;
    checks = a.checks.length;
  }
  times.sort((a, b) => a - b);
  const fmt = (ms: number) => `${Math.round(ms)} ms`;
  console.log(`assess: ${files} files walked, ${checks} checks`);
  console.log(`assess time over ${RUNS} runs: min ${fmt(times[0]!)}, median ${fmt(times[Math.floor(RUNS / 2)]!)}, max ${fmt(times.at(-1)!)} (target ≤ 2000 ms)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
