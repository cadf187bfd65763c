// Monitoring engine bench on the shipped artifact: `photon serve` (bin/photon.mjs → out/main/cli.mjs)
// runs N http monitors against a loopback server in another process, and this script measures the
// serve process from outside (Linux /proc): CPU, peak RSS (VmHWM), scheduling lag (from /metrics),
// the dashboard's summary query (POST /api/listMonitors) and the database's bytes per result.
// Each scenario is measured for PHOTON_BENCH_SECONDS (default 180) after one interval of warm-up.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const SECONDS = Number(process.env.PHOTON_BENCH_SECONDS ?? 180);
const SCENARIOS = [
  { monitors: 1_000, interval: 30 },
  { monitors: 10_000, interval: 60 },
];
const CLOCK_TICKS = 100; // USER_HZ on Linux

async function firstLine(child: ChildProcess, match: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      const m = match.exec(line);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`process exited ${code} before printing ${match}`)));
  });
}

const cpuSeconds = (pid: number) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};
const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const target = spawn(process.execPath, ['--import', 'tsx', 'bench/loopback-http-server.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = (await firstLine(target, /^(http:\S+)$/))[1]!;

try {
  for (const s of SCENARIOS) {
    console.log(`\nmonitoring: ${s.monitors} http monitors @ ${s.interval} s — photon serve measured ${SECONDS} s after ${s.interval} s warm-up`);
    const r = await scenario(s.monitors, s.interval);
    const line = (label: string, value: string, goal = '') => console.log(`  ${label.padEnd(46)} ${value.padStart(16)}  ${goal}`);
    line('results', `${r.results} (${r.perSecond}/s)`);
    line('statuses at the end', JSON.stringify(r.statuses));
    line('CPU, % of one core', `${r.cpu} %`, s.monitors === 10_000 ? 'target ≤ 25 %' : '');
    line('peak RSS (VmHWM) while monitoring', `${r.rss} MB`, s.monitors === 10_000 ? 'target ≤ 300 MB' : '');
    line('peak RSS after 15 full list reads', `${r.rssAfterLists} MB`);
    line('scheduling lag p50 / p99', `${r.lagP50} / ${r.lagP99} ms`);
    line(`summary query (listMonitors, ${s.monitors} monitors)`, `${r.summaryMs} ms`, s.monitors === 1_000 ? 'target ≤ 50 ms' : '');
    line('DB bytes per million results', `${r.mbPerMillion} MB`, '(short run: per-monitor rows dominate; steady state: storage projection)');
  }
} finally {
  target.kill();
}

async function scenario(monitors: number, interval: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-bench-'));
  const serve = spawn(process.execPath, ['bin/photon.mjs', 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [, url, token] = await firstLine(serve, /serving at (http:\S+\/)#token=(\S+)/);
    const call = async (method: string, body: unknown) => {
      const res = await fetch(`${url}api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      const env = (await res.json()) as { ok: boolean; value: unknown; error?: unknown };
      if (!env.ok) throw new Error(`${method}: ${JSON.stringify(env.error)}`);
      return env.value;
    };
    for (let i = 0; i < monitors; i++) {
      await call('saveMonitor', { name: `bench-${i}`, intervalSeconds: interval, conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 1000'], target: { kind: 'http', url: `${base}m/${i}` } });
    }
    await sleep(interval * 1000);
    const runs = async () => ((await call('listLoops', {})) as Array<{ name: string; runs: number }>).find((l) => l.name === 'checks')!.runs;
    const runs0 = await runs();
    const cpu0 = cpuSeconds(serve.pid!);
    const t0 = performance.now();
    await sleep(SECONDS * 1000);
    const wall = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(serve.pid!) - cpu0;
    const results = (await runs()) - runs0;
    const metrics = await (await fetch(`${url}metrics`, { headers: { Authorization: `Bearer ${token}` } })).text();
    const lag = (q: string) => Number(new RegExp(`photon_scheduler_lag_milliseconds\\{quantile="${q}"\\} ([\\d.]+)`).exec(metrics)?.[1] ?? NaN);
    // Peak while monitoring, before the bench's own list reads (each builds every summary at once).
    const rssRunning = peakRssMb(serve.pid!);
    const times: number[] = [];
    let statuses: Record<string, number> = {};
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      const list = (await call('listMonitors', {})) as Array<{ status: string }>;
      times.push(performance.now() - t);
      statuses = list.reduce<Record<string, number>>((a, m) => ({ ...a, [m.status]: (a[m.status] ?? 0) + 1 }), {});
    }
    times.sort((a, b) => a - b);
    const rss = peakRssMb(serve.pid!);
    const totalResults = await runs();
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await exited;
    const bytes = fs.statSync(path.join(dataDir, 'photon.db')).size;
    return {
      results,
      perSecond: Math.round((results / wall) * 10) / 10,
      statuses,
      cpu: Math.round((cpu / wall) * 1000) / 10,
      rss: Math.round(rssRunning),
      rssAfterLists: Math.round(rss),
      lagP50: lag('0.5'),
      lagP99: lag('0.99'),
      summaryMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
      mbPerMillion: Math.round((bytes / totalResults) * 10) / 10,
    };
  } finally {
    serve.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
