// Monitoring engine bench: 1,000 http monitors at 30 s and 10,000 at 60 s against a loopback server,
// each measured for PHOTON_BENCH_SECONDS (default 180) after one interval of warm-up. Prints the
// figures and the targets beside them; never fails on a target (timings are noisy — read, compare).
import { spawn } from 'node:child_process';
import readline from 'node:readline';

const SECONDS = Number(process.env.PHOTON_BENCH_SECONDS ?? 180);
const SCENARIOS = [
  { monitors: 1_000, interval: 30 },
  { monitors: 10_000, interval: 60 },
];

const server = spawn(process.execPath, ['--import', 'tsx', 'bench/loopback-http-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise<string>((resolve, reject) => {
  readline.createInterface({ input: server.stdout! }).once('line', resolve);
  server.once('exit', (code) => reject(new Error(`loopback server exited ${code}`)));
});

try {
  for (const s of SCENARIOS) {
    console.log(`\nmonitoring: ${s.monitors} http monitors @ ${s.interval} s, measured ${SECONDS} s after ${s.interval} s warm-up…`);
    const r = await runScenario(s.monitors, s.interval);
    const line = (label: string, value: string, target = '') => console.log(`  ${label.padEnd(44)} ${value.padStart(14)}  ${target}`);
    line('results measured', `${r.results} (${r.resultsPerSecond}/s)`);
    line('internal check errors', String(r.internalErrors));
    line('statuses at the end', JSON.stringify(r.statuses));
    line('CPU, % of one core', `${r.cpuPercentOfOneCore} %`, s.monitors === 10_000 ? 'target ≤ 25 %' : '');
    line('peak RSS', `${r.peakRssMb} MB`, s.monitors === 10_000 ? 'target ≤ 300 MB' : '');
    line('scheduling lag p50 / p99', `${r.lagP50Ms} / ${r.lagP99Ms} ms`);
    line(`summary query (listMonitors, ${s.monitors} monitors)`, `${r.summaryQueryMedianMs} ms`, s.monitors === 1_000 ? 'target ≤ 50 ms' : '');
    line('DB bytes per million results', `${(r.dbBytesPerMillionResults / 1e6).toFixed(1)} MB`);
    line('bytes per raw result / minute slot / hour slot', `${r.bytesPerResult} / ${r.bytesPerMinuteSlot} / ${r.bytesPerHourSlot}`);
    line('projected storage, 1,000 monitors × 30 days', `${r.projectedMbPer1000MonitorsPer30Days} MB`, 'target ≤ 50 MB');
  }
} finally {
  server.kill();
}

function runScenario(monitors: number, interval: number): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/monitoring-scenario.ts', String(monitors), String(interval), String(SECONDS), base], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`scenario exited ${code}: ${out}`));
      resolve(JSON.parse(last));
    });
  });
}
