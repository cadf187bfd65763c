// One monitoring bench scenario in its own process, so CPU and peak RSS are the engine's alone:
// N http monitors at interval S against a loopback server that runs in ANOTHER process.
// Usage: node --import tsx bench/monitoring-scenario.ts <monitors> <intervalSeconds> <measureSeconds> <serverBaseUrl>
// Prints one JSON line with the figures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { decodeRaw } from '../main/monitors/storage/raw-block.ts';
import { decodeRollup } from '../main/monitors/storage/rollup-block.ts';
import { createCore } from '../main/core/create-core.ts';
import { silentLogger } from '../main/core/logger.ts';
import { JsonFileSettingsStore } from '../main/settings/json-file-settings-store.ts';
import type { MonitorSummary } from '../preload/contract.ts';

const [monitorsArg, intervalArg, secondsArg, base] = process.argv.slice(2);
const monitors = Number(monitorsArg);
const interval = Number(intervalArg);
const seconds = Number(secondsArg);
if (!(monitors > 0 && interval >= 5 && seconds > 0 && base)) {
  console.error('usage: monitoring-scenario.ts <monitors> <intervalSeconds> <measureSeconds> <serverBaseUrl>');
  process.exit(2);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-bench-'));
const lags: number[] = [];
let measuring = false;
const core = createCore({
  dataDir,
  settings: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
  transport: 'http',
  logger: silentLogger,
  onSchedulingLag: (lag) => {
    if (measuring) lags.push(lag);
  },
});

const t0 = performance.now();
for (let i = 0; i < monitors; i++) {
  const env = await core.dispatch('saveMonitor', {
    name: `bench-${i}`,
    intervalSeconds: interval,
    conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 1000'],
    target: { kind: 'http', url: `${base}m/${i}` },
  });
  if (!env.ok) throw new Error(JSON.stringify(env.error));
}
const createMs = performance.now() - t0;

// The first interval spreads the jittered first runs; measure steady state after it.
await sleep(interval * 1000);
const checksLoop = () => core.loops.list().find((l) => l.name === 'checks')!;
const runsBefore = checksLoop().runs;
const errorsBefore = checksLoop().errors;
measuring = true;
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
await sleep(seconds * 1000);
const cpu = process.cpuUsage(cpu0);
const wallMs = performance.now() - wall0;
measuring = false;
const results = checksLoop().runs - runsBefore;
const internalErrors = checksLoop().errors - errorsBefore;

// The dashboard's summary query: every monitor with status and its 24 h sparkline, as the Monitors view loads it.
const summaryTimes: number[] = [];
let listed: MonitorSummary[] = [];
for (let i = 0; i < 15; i++) {
  const s = performance.now();
  const env = await core.dispatch('listMonitors', {});
  summaryTimes.push(performance.now() - s);
  if (env.ok) listed = env.value as MonitorSummary[];
}
const statuses = listed.reduce<Record<string, number>>((acc, m) => ({ ...acc, [m.status]: (acc[m.status] ?? 0) + 1 }), {});

// Closing flushes the queue and checkpoints the WAL, so the file alone holds everything.
await core.close();
const db = new Database(path.join(dataDir, 'photon.db'), { readonly: true });
const tables = db.prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all();
const bytesOf = (t: string) => tables.find((x) => x.name === t)?.bytes ?? 0;
const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
const storedResults = db
  .prepare<[], { block: number; data: Buffer }>('SELECT block, data FROM result_blocks')
  .all()
  .reduce((n, row) => n + decodeRaw(row.block, row.data).length, 0);
const slotsIn = (table: string) =>
  db.prepare<[], { data: Buffer }>(`SELECT data FROM ${table}`).all().reduce((n, row) => n + decodeRollup(row.data).size, 0);
const perResult = (bytesOf('result_blocks') + bytesOf('result_messages')) / storedResults;
const perMinuteSlot = bytesOf('rollup_minute') / slotsIn('rollup_minute');
const perHourSlot = bytesOf('rollup_hour') / slotsIn('rollup_hour');
const dbBytes = fs.statSync(path.join(dataDir, 'photon.db')).size;
const monitorRows = count('SELECT count(*) AS n FROM monitors');
db.close();
fs.rmSync(dataDir, { recursive: true, force: true });

lags.sort((a, b) => a - b);
const q = (arr: number[], p: number) => (arr.length ? arr[Math.min(arr.length - 1, Math.floor(p * arr.length))]! : NaN);
summaryTimes.sort((a, b) => a - b);

// Steady state for 1,000 monitors kept 30 days with the default retention (raw 24 h, minutes 24 h,
// hours 31 d, days 400 d), from the bytes per row measured above.
// Hour slots measured here hold minutes of data, not a full hour: their size grows a little with n,
// so the projection is an estimate; the per-table figures are printed for scrutiny.
const perDay = 86_400 / interval;
const projected30d = 1000 * (perDay * perResult + 1440 * perMinuteSlot + 24 * 31 * perHourSlot + 30 * perHourSlot);

console.log(
  JSON.stringify({
    monitors,
    interval,
    measuredSeconds: Math.round(wallMs / 1000),
    createSeconds: Math.round(createMs / 100) / 10,
    results,
    internalErrors,
    resultsPerSecond: Math.round((results / wallMs) * 1000 * 10) / 10,
    cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    lagP50Ms: Math.round(q(lags, 0.5)),
    lagP99Ms: Math.round(q(lags, 0.99)),
    summaryQueryMedianMs: Math.round(q(summaryTimes, 0.5) * 10) / 10,
    statuses,
    dbBytes,
    monitorRows,
    dbBytesPerMillionResults: Math.round((dbBytes / storedResults) * 1e6),
    bytesPerResult: Math.round(perResult * 10) / 10,
    bytesPerMinuteSlot: Math.round(perMinuteSlot * 10) / 10,
    bytesPerHourSlot: Math.round(perHourSlot * 10) / 10,
    projectedMbPer1000MonitorsPer30Days: Math.round(projected30d / 1e5) / 10,
  }),
);

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
