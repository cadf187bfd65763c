// Storage after rollups for 1,000 monitors kept 30 days, measured on a real database rather than
// extrapolated from a few minutes: the last 24 h of results go through the real writer (raw blocks,
// minute/hour/day rollups, messages), the 29 days before them as the hour and day rollups the writer
// would have left once retention pruned raw results and minutes. Then retention runs, the file is
// vacuumed, and its size is what a user's disk would hold.
// Usage: node bench/storage-projection.mjs <intervalSeconds>   → prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MonitorDefinitionSchema } from '../preload/contract.ts';
import { initialState } from '../main/monitors/monitor-state.ts';
import { MonitorRepository } from '../main/monitors/monitor-repository.ts';
import { ResultWriter } from '../main/monitors/result-writer.ts';
import { aggregate, encodeUpdate, upsertRollupSql, type ResultPoint } from '../main/monitors/rollup-aggregate.ts';
import { pruneOldData, RETENTION_DEFAULTS } from '../main/monitors/retention.ts';
import { RESOLUTIONS } from '../main/monitors/storage/rollup-block.ts';
import { openDatabase } from '../main/store/open-database.ts';

const MONITORS = 1_000;
const DAY = 86_400_000;
const interval = Number(process.argv[2] ?? 30);
if (![5, 10, 15, 20, 30, 60].includes(interval)) throw new Error('interval must divide a minute: 5, 10, 15, 20, 30 or 60');
const now = Date.UTC(2026, 10, 26, 12, 0, 0);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-storage-'));
const { db } = openDatabase(dir);
const repo = new MonitorRepository(db);
for (let i = 0; i < MONITORS; i++) {
  repo.insert(MonitorDefinitionSchema.parse({ name: `m${i}`, intervalSeconds: interval, target: { kind: 'http', url: `https://svc${i}.example.test/health` } }), { type: 'ui' }, now);
}
const ids = db.prepare<[], { id: number }>('SELECT id FROM monitors').all().map((r) => r.id);

// Latencies like a real endpoint: mostly 20–80 ms, a long tail; 0.5 % failures.
let seed = 12345;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const point = (monitorId: number, at: number): ResultPoint => {
  const failed = random() < 0.005;
  return { monitorId, at, outcome: failed ? 'down' : 'up', latencyMs: failed ? null : Math.round((20 + 60 * random() + (random() < 0.02 ? 800 * random() : 0)) * 10) / 10, metric: null };
};

const writer = new ResultWriter(db); // also registers the SQL functions the rollup upserts use
const t0 = performance.now();
// 29 days of hours (and their days), as rollups only: raw results and minutes of that age are gone.
const hourSql = db.prepare(upsertRollupSql(RESOLUTIONS.hour.table));
const daySql = db.prepare(upsertRollupSql(RESOLUTIONS.day.table));
const perHour = 3_600 / interval;
for (let h = 30 * 24; h > 24; h--) {
  const hourStart = now - h * 3_600_000;
  const points: ResultPoint[] = [];
  for (const id of ids) for (let k = 0; k < perHour; k++) points.push(point(id, hourStart + k * interval * 1000));
  db.transaction(() => {
    for (const u of aggregate(points, 'hour')) hourSql.run(...encodeUpdate(u));
    for (const u of aggregate(points, 'day')) daySql.run(...encodeUpdate(u));
  })();
}
// The last 24 h through the real writer, one flush per simulated minute.
const state = initialState(now);
for (let t = now - DAY; t < now; t += 60_000) {
  for (const id of ids) {
    for (let k = 0; k * interval < 60; k++) {
      const at = t + k * interval * 1000 + (id % 1000);
      const p = point(id, at);
      writer.enqueue({ ...p, message: p.outcome === 'up' ? 'HTTP 200' : 'connect ETIMEDOUT', evidence: {}, state, transition: null });
    }
  }
  writer.flush();
}
const generateSeconds = (performance.now() - t0) / 1000;
pruneOldData(db, RETENTION_DEFAULTS, now);
db.pragma('wal_checkpoint(TRUNCATE)');
db.exec('VACUUM');
const tables = Object.fromEntries(
  db
    .prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name')
    .all()
    .filter((t) => t.bytes > 16_384)
    .map((t) => [t.name, Math.round((t.bytes / 1e6) * 10) / 10]),
);
db.close();
const bytes = fs.statSync(path.join(dir, 'photon.db')).size;
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ interval, monitors: MONITORS, mb: Math.round((bytes / 1e6) * 10) / 10, tablesMb: tables, generateSeconds: Math.round(generateSeconds) }));
