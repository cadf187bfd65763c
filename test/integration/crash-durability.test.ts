import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MonitorSummary } from '../../preload/contract.ts';
import { closeServer, freePort, listen } from '../helpers/loopback-servers.ts';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';
import { callServe } from '../helpers/serve-api.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';
import { prng } from '../helpers/prng.ts';

/**
 * Durability: whatever the API or the event stream has shown as measured survives a kill -9.
 * A real `photon serve` runs many fast monitors against loopback targets while this test reads
 * everything it reports (SSE and polled API calls), kills it at seeded random moments, restarts it
 * on the same data directory and checks that the database is intact and every result it reported
 * is still in the history.
 */

const SEED = 0x5eed_0012;
const KILLS = 6;
const MONITORS = 24;
/** The contract's minimum interval. */
const INTERVAL_SECONDS = 5;


/** Every result time the running process has shown, per monitor, and where it was seen first. */
class Reported {
  readonly results = new Map<number, Map<number, string>>();
  readonly incidents = new Map<number, string>();
  /** /metrics has whole seconds only: monitor id → last-check seconds shown. */
  readonly metricSeconds = new Map<number, Map<number, string>>();

  result(monitorId: number, at: number | null | undefined, where: string): void {
    if (at === null || at === undefined) return;
    let mine = this.results.get(monitorId);
    if (!mine) this.results.set(monitorId, (mine = new Map()));
    if (!mine.has(at)) mine.set(at, where);
  }

  summaries(monitors: readonly MonitorSummary[], where: string): void {
    for (const m of monitors) this.result(m.id, m.lastCheckedAt, where);
  }

  metrics(text: string, where: string): void {
    for (const [, id, seconds] of text.matchAll(/^photon_monitor_last_check_timestamp_seconds\{id="(\d+)"[^}]*\} (\d+)$/gm)) {
      let mine = this.metricSeconds.get(Number(id));
      if (!mine) this.metricSeconds.set(Number(id), (mine = new Map()));
      if (!mine.has(Number(seconds))) mine.set(Number(seconds), where);
    }
  }

  get count(): number {
    let n = 0;
    for (const m of [...this.results.values(), ...this.metricSeconds.values()]) n += m.size;
    return n;
  }
}

/** Reads /api/events until the process dies, recording every result and incident it announces. */
async function watchEvents(serve: ServeProcess, reported: Reported, cycle: number): Promise<void> {
  try {
    const res = await fetch(new URL('api/events', serve.baseUrl), { headers: { Authorization: `Bearer ${serve.token}` } });
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (!name || !data) continue;
        const payload = JSON.parse(data) as { monitors?: MonitorSummary[]; incidents?: Array<{ id: number }> };
        if (name === 'monitorsUpdated') reported.summaries(payload.monitors!, `event monitorsUpdated (run ${cycle})`);
        if (name === 'incidentsChanged') for (const i of payload.incidents!) reported.incidents.set(i.id, `event incidentsChanged (run ${cycle})`);
      }
    }
  } catch {
    // The stream ends with the process.
  }
}

/** Polls the read API as a dashboard would, until `stopped()`; errors after the kill are expected. */
async function pollApi(serve: ServeProcess, reported: Reported, cycle: number, stopped: () => boolean): Promise<void> {
  let turn = 0;
  while (!stopped()) {
    try {
      reported.summaries(await callServe(serve, 'listMonitors', {}), `listMonitors (run ${cycle})`);
      const ids = [...reported.results.keys()];
      if (ids.length > 0) {
        const detail = await callServe(serve, 'getMonitor', { id: ids[turn++ % ids.length]! });
        reported.summaries([detail.summary], `getMonitor (run ${cycle})`);
        if (detail.lastEvidence) reported.result(detail.summary.id, detail.lastEvidence.at, `getMonitor lastEvidence (run ${cycle})`);
        for (const r of detail.recentResults) reported.result(detail.summary.id, r.at, `getMonitor recentResults (run ${cycle})`);
      }
      for (const i of await callServe(serve, 'listIncidents', {})) reported.incidents.set(i.id, `listIncidents (run ${cycle})`);
      const metrics = await fetch(new URL('metrics', serve.baseUrl), { headers: { Authorization: `Bearer ${serve.token}` } });
      reported.metrics(await metrics.text(), `/metrics (run ${cycle})`);
    } catch {
      return;
    }
  }
}

async function startTargets() {
  const web = http.createServer((_req, res) => res.end('ok'));
  const tcp = net.createServer((socket) => socket.end());
  const [webPort, tcpPort, closedPort] = await Promise.all([listen(web), listen(tcp), freePort()]);
  return { webPort, tcpPort, closedPort, close: () => Promise.all([closeServer(web), closeServer(tcp)]) };
}

function assertIntegrity(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'photon.db'), { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
}

async function assertNothingLost(serve: ServeProcess, reported: Reported, afterKill: number): Promise<void> {
  const missing: string[] = [];
  for (const id of new Set([...reported.results.keys(), ...reported.metricSeconds.keys()])) {
    const detail = await callServe(serve, 'getMonitor', { id });
    const stored = new Set(detail.recentResults.map((r) => r.at));
    const storedSeconds = new Set([...stored].map((at) => Math.floor(at / 1000)));
    // recentResults is the newest 50: anything older than its oldest entry is out of its window, not lost.
    const inWindow = (at: number) => stored.size < 50 || at >= Math.min(...stored);
    for (const [at, where] of reported.results.get(id) ?? []) {
      if (inWindow(at) && !stored.has(at)) missing.push(`monitor ${id}: result at ${new Date(at).toISOString()} (seen in ${where})`);
    }
    for (const [seconds, where] of reported.metricSeconds.get(id) ?? []) {
      if (inWindow(seconds * 1000 + 999) && !storedSeconds.has(seconds)) missing.push(`monitor ${id}: result in second ${seconds} (seen in ${where})`);
    }
  }
  const incidents = new Set((await callServe(serve, 'listIncidents', { limit: 500 })).map((i) => i.id));
  for (const [id, where] of reported.incidents) if (!incidents.has(id)) missing.push(`incident ${id} (seen in ${where})`);
  assert.deepEqual(missing, [], `after kill ${afterKill}, ${missing.length} of ${reported.count} reported results/incidents are gone`);
}

test('results the API and the event stream reported survive repeated kill -9 under load', { timeout: 120_000 }, async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const targets = await startTargets();
  t.after(targets.close);
  const random = prng(SEED);
  const reported = new Reported();

  let serve = await startServe({ dataDir: temp.dir });
  t.after(() => serve.kill());
  for (let i = 0; i < MONITORS; i++) {
    const target =
      i % 3 === 0
        ? { kind: 'http' as const, url: `http://127.0.0.1:${targets.webPort}/m${i}` }
        : { kind: 'tcp' as const, host: '127.0.0.1', port: i % 8 === 7 ? targets.closedPort : targets.tcpPort };
    await callServe(serve, 'saveMonitor', { name: `m${i}`, intervalSeconds: INTERVAL_SECONDS, failureThreshold: 1, target });
  }

  for (let kill = 1; kill <= KILLS; kill++) {
    let killed = false;
    const events = watchEvents(serve, reported, kill);
    const polling = pollApi(serve, reported, kill, () => killed);
    // Anywhere from just after startup to well past the flush interval and a full check interval.
    await new Promise((r) => setTimeout(r, 1_000 + Math.floor(random() * 5_000)));
    killed = true;
    await serve.kill();
    await Promise.all([events, polling]);

    serve = await startServe({ dataDir: temp.dir });
    assertIntegrity(temp.dir);
    await assertNothingLost(serve, reported, kill);
  }
  t.diagnostic(`seed ${SEED}: ${KILLS} kills, ${reported.count} reported results and ${reported.incidents.size} incidents all kept`);
  assert.ok(reported.count > MONITORS, `the monitors ran (${reported.count} results reported)`);
});
