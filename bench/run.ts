// `npm run bench`: speed and memory figures, printed, never asserted (timings are noisy).
// Measures the spine: core cold start, dispatch cost in process, and a call over `photon serve` HTTP.
import { performance } from 'node:perf_hooks';
import { startHttpServer } from '../main/server/http-server.ts';
import { startTestCore } from '../test/helpers/core-harness.ts';

const PROJECTS = 1_000;
const CALLS = 2_000;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function report(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} p50 ${quantile(s, 0.5).toFixed(3)} ms   p99 ${quantile(s, 0.99).toFixed(3)} ms   n=${s.length}`);
}

const t0 = performance.now();
const core = startTestCore();
console.log(`${'core cold start (open, migrate, wire)'.padEnd(52)} ${(performance.now() - t0).toFixed(1)} ms`);

for (let i = 0; i < PROJECTS; i++) await core.dispatch('addProject', { name: `project ${i}`, repoPath: `/srv/p${i}`, notes: 'n'.repeat(100) });

const inProcess: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const t = performance.now();
  await core.dispatch('getSettings', {});
  inProcess.push(performance.now() - t);
}
report('dispatch getSettings (in process)', inProcess);

const list: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await core.dispatch('listProjects', {});
  list.push(performance.now() - t);
}
report(`dispatch listProjects, ${PROJECTS} projects (in process)`, list);

const token = 'bench';
const server = await startHttpServer({ core, token, staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
const overHttp: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const t = performance.now();
  const res = await fetch(`${server.url}api/getSettings`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  await res.json();
  overHttp.push(performance.now() - t);
}
report('POST /api/getSettings over loopback HTTP', overHttp);

// maxRSS is the kernel's high-water mark for this process, in KiB.
console.log(`${'peak RSS of the bench process'.padEnd(52)} ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
await server.close();
core.dispose();
