import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { MonitorSummary, ParsedInput } from '../../preload/contract.ts';
import { methods } from '../../preload/contract.ts';
import { ContractError } from '../../main/api/contract-error.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { LoopRegistry } from '../../main/loops/loop-registry.ts';
import { MonitoringService } from '../../main/monitors/monitoring-service.ts';
import { openDatabase, type OpenedDatabase } from '../../main/store/open-database.ts';
import { controllableGuard, down, fakeRegistry, up } from '../helpers/fake-checks.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const def = (input: Record<string, unknown>): ParsedInput<'saveMonitor'> =>
  methods.saveMonitor.input.parse({ intervalSeconds: 3600, ...input }) as ParsedInput<'saveMonitor'>;

describe('monitoring engine', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedDatabase;
  let events: EventBus;
  let loops: LoopRegistry;
  let fake: ReturnType<typeof fakeRegistry>;
  let net: ReturnType<typeof controllableGuard>;
  let svc: MonitoringService;
  let updates: MonitorSummary[][];

  const build = () => {
    const s = new MonitoringService({ db: store.db, events, loops: (loops = new LoopRegistry()), registry: fake.registry, logger: silentLogger, guard: net.guard, random: () => 0.999, flushEveryMs: 60_000 });
    s.start();
    return s;
  };

  beforeEach(() => {
    temp = makeTempDir();
    store = openDatabase(temp.dir);
    events = new EventBus();
    fake = fakeRegistry();
    net = controllableGuard();
    updates = [];
    events.onAny((name, payload) => {
      if (name === 'monitorsUpdated') updates.push((payload as { monitors: MonitorSummary[] }).monitors);
    });
    svc = build();
  });
  afterEach(async () => {
    await svc.stop();
    store.db.close();
    temp.cleanup();
  });

  async function runAll(ids: number[], times = 1) {
    for (let i = 0; i < times; i++) for (const id of ids) await svc.runNow(id);
    svc.flush();
  }
  const status = (id: number) => svc.list().find((m) => m.id === id)!.status;

  // Scheduled results wait for the batch's flush (test/monitors/show-after-commit.test.ts); runNow commits its own.
  test('a new monitor is PENDING, its first success makes it UP and is announced once committed', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 443 } }));
    assert.equal(m.status, 'PENDING');
    assert.equal(m.reason, 'no result yet');
    assert.equal(updates.length, 1, 'the save itself was announced');
    fake.set('api.test', up(20));
    await svc.runNow(m.id);
    assert.equal(updates.length, 2, 'the committed result was announced once');
    const last = updates.at(-1)!.find((s) => s.id === m.id)!;
    assert.equal(last.status, 'UP');
    assert.equal(last.lastLatencyMs, 20);
    assert.ok(last.lastCheckedAt! > 0);
  });

  test('thresholds: DOWN after 3 failures, UP after 2 successes, exactly one incident with its timeline', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 443 } }));
    fake.set('api.test', up());
    await runAll([m.id]);
    fake.set('api.test', down('connect ECONNREFUSED 10.0.0.5:443'));
    await runAll([m.id], 2);
    assert.equal(status(m.id), 'PENDING');
    await runAll([m.id], 3);
    assert.equal(status(m.id), 'DOWN');
    let incidents = svc.incidents(m.id, 10);
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]!.closedAt, null);
    assert.match(incidents[0]!.cause, /ECONNREFUSED/);
    fake.set('api.test', up());
    await runAll([m.id]);
    assert.equal(status(m.id), 'DOWN', 'one success is not yet recovery');
    await runAll([m.id]);
    assert.equal(status(m.id), 'UP');
    incidents = svc.incidents(m.id, 10);
    assert.equal(incidents.length, 1);
    assert.ok(incidents[0]!.closedAt! >= incidents[0]!.openedAt);
    assert.deepEqual(
      incidents[0]!.events.map((e) => `${e.from}→${e.to}`),
      ['PENDING→DOWN', 'DOWN→UP'],
    );
  });

  test('one dead VM is one incident: dependents are "blocked by parent", then recover with it', async () => {
    const vm = svc.save(def({ name: 'prod-vm', role: 'vm', target: { kind: 'ping', host: 'vm.test' } }));
    const children = ['web', 'api', 'admin'].map((n) =>
      svc.save(def({ name: n, parentId: vm.id, target: { kind: 'http', url: `https://${n}.test/health` } })),
    );
    const all = [vm.id, ...children.map((c) => c.id)];
    for (const h of ['vm.test', 'web.test', 'api.test', 'admin.test']) fake.set(h, up());
    await runAll(all);
    // The link dies: children happen to be checked before the VM each round.
    for (const h of ['vm.test', 'web.test', 'api.test', 'admin.test']) fake.set(h, down('timed out after 5000 ms'));
    await runAll([...children.map((c) => c.id), vm.id], 5);
    assert.equal(status(vm.id), 'DOWN');
    for (const c of children) {
      const s = svc.list().find((x) => x.id === c.id)!;
      assert.equal(s.status, 'UNKNOWN');
      assert.equal(s.blockedBy, vm.id);
      assert.equal(s.reason, 'blocked by parent prod-vm');
    }
    assert.equal(svc.incidents(undefined, 50).length, 1, 'exactly one incident');
    for (const h of ['vm.test', 'web.test', 'api.test', 'admin.test']) fake.set(h, up());
    await runAll(all, 2);
    for (const id of all) assert.equal(status(id), 'UP');
    const [incident] = svc.incidents(undefined, 50);
    assert.equal(incident!.monitorId, vm.id);
    assert.notEqual(incident!.closedAt, null);
  });

  test('a child that fails before its parent was checked asks for that check and never opens its own incident', async () => {
    const vm = svc.save(def({ name: 'prod-vm', failureThreshold: 1, target: { kind: 'ping', host: 'vm.test' } }));
    const web = svc.save(def({ name: 'web', failureThreshold: 1, parentId: vm.id, target: { kind: 'http', url: 'https://web.test/' } }));
    fake.set('vm.test', up());
    fake.set('web.test', up());
    await runAll([vm.id, web.id]);
    fake.set('vm.test', down('100% packet loss'));
    fake.set('web.test', down('timed out'));
    const vmRunsBefore = fake.calls.filter((h) => h === 'vm.test').length;
    await svc.runNow(web.id); // only the child: the engine must check the parent by itself
    for (let i = 0; i < 100 && status(web.id) !== 'UNKNOWN'; i++) await new Promise((r) => setTimeout(r, 5));
    svc.flush();
    assert.ok(fake.calls.filter((h) => h === 'vm.test').length > vmRunsBefore, 'the parent was checked on demand');
    assert.equal(status(vm.id), 'DOWN');
    assert.equal(status(web.id), 'UNKNOWN');
    assert.deepEqual(svc.incidents(undefined, 10).map((i) => i.monitorName), ['prod-vm']);
  });

  test('while this machine is offline, failures are UNKNOWN ("local network down"), never DOWN, no incident', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 443 } }));
    fake.set('api.test', up());
    await runAll([m.id]);
    net.state.offline = true;
    fake.set('api.test', down('getaddrinfo EAI_AGAIN api.test'));
    await runAll([m.id], 6);
    const s = svc.list()[0]!;
    assert.equal(s.status, 'UNKNOWN');
    assert.match(s.reason, /local network down/);
    assert.equal(svc.incidents(undefined, 10).length, 0);
    const detail = svc.get(m.id);
    assert.ok(detail.recentResults.slice(0, 6).every((r) => r.outcome === 'unknown'));
  });

  test('loopback targets are not excused by the network guard', async () => {
    const m = svc.save(def({ name: 'local', target: { kind: 'tcp', host: '127.0.0.1', port: 1 } }));
    net.state.offline = true;
    fake.set('127.0.0.1', down('connect ECONNREFUSED 127.0.0.1:1'));
    await runAll([m.id], 3);
    assert.equal(status(m.id), 'DOWN');
  });

  test('latency-only failures are DEGRADED; other failed conditions are DOWN with the observed value', async () => {
    const m = svc.save(def({ name: 'slow', failureThreshold: 1, conditions: ['[STATUS] == 200', '[RESPONSE_TIME] < 100'], target: { kind: 'http', url: 'https://slow.test/' } }));
    fake.set('slow.test', up(450));
    await runAll([m.id]);
    assert.equal(status(m.id), 'DEGRADED');
    fake.set('slow.test', up(20, { STATUS: 503 }));
    await runAll([m.id]);
    assert.equal(status(m.id), 'DOWN');
    assert.match(svc.list()[0]!.reason, /\[STATUS\] \(503\) == 200/);
  });

  test('bad definitions are refused when saved, naming the field (and the column of a bad condition)', () => {
    const expectError = (input: Record<string, unknown>, field: string, message: RegExp) =>
      assert.throws(
        () => svc.save(def(input)),
        (err: unknown) => err instanceof ContractError && err.code === 'INVALID_INPUT' && err.field === field && message.test(err.message),
      );
    const target = { kind: 'tcp', host: 'x.test', port: 1 };
    expectError({ name: 'a', target, conditions: ['[STATUS] == 200', '[RESPONSE_TIME] =< 300'] }, 'conditions.1', /conditions\[1\]: expected one of .* at column 17/);
    expectError({ name: 'a', target, metric: { name: 'rate', source: '[BODY.rate' } }, 'metric.source', /unknown placeholder|unclosed/);
    expectError({ name: 'a', target, intervalSeconds: 10, timeoutSeconds: 10 }, 'timeoutSeconds', /must be below intervalSeconds/);
    expectError({ name: 'a', target, parentId: 999 }, 'parentId', /no monitor with id 999/);
    const a = svc.save(def({ name: 'a', target }));
    const b = svc.save(def({ name: 'b', target, parentId: a.id }));
    assert.throws(() => svc.save({ ...def({ name: 'a', target, parentId: b.id }), id: a.id }), /cannot depend on itself/);
    assert.equal(svc.list().length, 2, 'nothing half-saved');
  });

  test('rollups feed the charts: counts, latency avg/min/max/p95 and the metric, per minute and hour', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'http', url: 'https://api.test/' }, metric: { name: 'latency echo', source: '[RESPONSE_TIME]' } }));
    for (const ms of [10, 20, 30, 40, 500]) {
      fake.set('api.test', up(ms));
      await svc.runNow(m.id);
    }
    fake.set('api.test', down());
    await svc.runNow(m.id);
    svc.flush();
    for (const range of ['1h', '7d'] as const) {
      const series = svc.series(m.id, range);
      const total = series.points.reduce((a, p) => a + p.count, 0);
      assert.equal(total, 6, range);
      const p = series.points.at(-1)!;
      if (series.points.length === 1) {
        assert.equal(p.up, 5);
        assert.equal(p.down, 1);
        assert.equal(p.latencyAvgMs, 120);
        assert.equal(p.latencyMinMs, 10);
        assert.equal(p.latencyMaxMs, 500);
        assert.equal(p.latencyP95Ms, 500);
        assert.equal(p.metricAvg, 120);
      }
    }
    const spark = svc.list()[0]!.last24h!;
    assert.equal(spark.up.length, 24);
    assert.equal([...spark.up, ...spark.down].reduce((a, b) => a + b, 0), 6);
    assert.equal(spark.up[23], 5, 'the newest hour is last');
  });

  test('state and open incidents survive a restart; no duplicate incident afterwards', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 1 } }));
    fake.set('api.test', down());
    await runAll([m.id], 3);
    await svc.stop();
    svc = build();
    assert.equal(status(m.id), 'DOWN');
    await runAll([m.id], 2);
    assert.equal(svc.incidents(undefined, 10).length, 1);
    fake.set('api.test', up());
    await runAll([m.id], 2);
    assert.notEqual(svc.incidents(undefined, 10)[0]!.closedAt, null);
  });

  test('pause stops scheduling and says so; remove deletes the monitor and its data', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 1 } }));
    fake.set('api.test', up());
    await runAll([m.id]);
    const paused = svc.setPaused(m.id, true);
    assert.equal(paused.paused, true);
    assert.equal(paused.reason, 'paused');
    const removedEvents: unknown[] = [];
    events.onAny((n, p) => n === 'monitorRemoved' && removedEvents.push(p));
    svc.remove(m.id);
    assert.deepEqual(removedEvents, [{ id: m.id }]);
    assert.throws(() => svc.get(m.id), /No monitor with id/);
    for (const t of ['result_blocks', 'result_messages', 'rollup_minute', 'rollup_hour', 'rollup_day', 'monitor_state']) {
      assert.deepEqual(store.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE monitor_id = ?`).get(m.id), { n: 0 }, t);
    }
  });

  test('the named loops report measured health', async () => {
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 1 } }));
    fake.set('api.test', up());
    await runAll([m.id], 2);
    const byName = Object.fromEntries(loops.list().map((l) => [l.name, l]));
    assert.deepEqual(Object.keys(byName).sort(), ['checks', 'results-writer', 'retention']);
    assert.equal(byName.checks!.runs, 2);
    assert.equal(byName.checks!.state, 'ok');
    assert.equal(byName['retention']!.runs, 0);
    assert.equal(byName['retention']!.state, 'idle');
    assert.ok(byName['retention']!.nextRunAt! > Date.now());
  });
});
