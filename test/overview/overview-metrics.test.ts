import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitorSummary, Overview } from '../../preload/contract.ts';
import { startHttpServer } from '../../main/server/http-server.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { controllableGuard, down, fakeRegistry, up } from '../helpers/fake-checks.ts';

async function setup(t: import('node:test').TestContext) {
  const fake = fakeRegistry();
  const core = startTestCore(undefined, { checks: fake.registry, networkGuard: controllableGuard().guard });
  t.after(() => core.dispose());
  const save = async (input: Record<string, unknown>) => {
    const env = await core.dispatch('saveMonitor', { intervalSeconds: 3600, failureThreshold: 1, ...input });
    assert.ok(env.ok, JSON.stringify(env));
    return env.value as MonitorSummary;
  };
  const overview = async () => {
    const env = await core.dispatch('getOverview', {});
    assert.ok(env.ok);
    return env.value as Overview;
  };
  return { fake, core, save, overview };
}

test('overview: rows without a monitor are UNKNOWN and say so — never a guessed status', async (t) => {
  const { core, overview } = await setup(t);
  const o = await overview();
  assert.equal(o.production.status, 'UNKNOWN');
  assert.deepEqual(
    o.rows.map((r) => [r.label, r.status, r.measuredAt]),
    [
      ['Production VM', 'UNKNOWN', null],
      ['API Endpoints', 'UNKNOWN', null],
      ['Database Connectivity', 'UNKNOWN', null],
      ['SSL Certificate', 'UNKNOWN', null],
      ['Domain DNS', 'UNKNOWN', null],
    ],
  );
  assert.match(o.rows[0]!.detail, /no monitor has the role "vm"/);
  assert.equal(o.monitoring.loopsTotal, core.loops.list().length, 'the loops counted from the registry, not a constant');
});

test('overview: the VM row shows packet loss and last known good; a row is as old as its oldest result', async (t) => {
  const { fake, core, save, overview } = await setup(t);
  const vm = await save({ name: 'vm', role: 'vm', target: { kind: 'ping', host: 'vm.test' } });
  const a = await save({ name: 'api-1', role: 'api', target: { kind: 'tcp', host: 'a.test', port: 1 } });
  const b = await save({ name: 'api-2', role: 'api', target: { kind: 'tcp', host: 'b.test', port: 1 } });
  fake.set('vm.test', { ...up(3), evidence: { lossPercent: 0, rttAvgMs: 3 } });
  fake.set('a.test', up());
  await core.monitoring.runNow(vm.id);
  await core.monitoring.runNow(a.id);
  let o = await overview();
  assert.equal(o.production.status, 'UP');
  assert.equal(o.production.detail, '0% packet loss, avg 3 ms');
  const goodAt = o.production.lastKnownGoodAt;
  assert.ok(goodAt);
  const api = o.rows.find((r) => r.role === 'api')!;
  assert.equal(api.measuredAt, null, 'api-2 has no result yet, so the row has no measured time');
  assert.equal(api.status, 'PENDING');

  fake.set('vm.test', { ...down('100% packet loss'), evidence: { lossPercent: 100, rttAvgMs: null } });
  fake.set('b.test', up());
  await core.monitoring.runNow(vm.id);
  await core.monitoring.runNow(b.id);
  o = await overview();
  assert.equal(o.production.status, 'DOWN');
  assert.equal(o.production.detail, '100% packet loss');
  assert.equal(o.production.lastKnownGoodAt, goodAt, 'last known good stays at the last success');
  assert.equal(o.rows.find((r) => r.role === 'api')!.status, 'UP');
});

test('GET /metrics: token required; samples only for measured monitors; loops with their counters', async (t) => {
  const { fake, core, save } = await setup(t);
  const server = await startHttpServer({ core, token: 'tok', staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
  t.after(() => server.close());
  const measured = await save({ name: 'web "main"', target: { kind: 'http', url: 'https://web.test/' } });
  await save({ name: 'never-run', target: { kind: 'tcp', host: 'n.test', port: 1 } });
  fake.set('web.test', { ...up(42), evidence: { tls: { validTo: new Date(Date.now() + 10 * 86_400_000).toUTCString() } } });
  await core.monitoring.runNow(measured.id);

  assert.equal((await fetch(`${server.url}metrics`)).status, 401);
  const res = await fetch(`${server.url}metrics`, { headers: { Authorization: 'Bearer tok' } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const labels = `id="${measured.id}",monitor="web \\"main\\"",kind="http"`;
  assert.ok(text.includes(`photon_monitor_up{${labels}} 1`), text);
  assert.ok(text.includes(`photon_monitor_latency_milliseconds{${labels}} 42`));
  assert.match(text, new RegExp(`photon_monitor_tls_days_left\\{${labels.replace(/[\\"{}]/g, (c) => `\\${c}`)}\\} (9\\.\\d|10)`));
  assert.doesNotMatch(text, /never-run/, 'no sample for a monitor without a result');
  assert.match(text, /photon_loop_runs_total\{loop="checks"\} 1/);
  assert.match(text, /photon_loop_healthy\{loop="results-writer",state="(ok|idle)"\} 1/);
});
