import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { MonitorSummary, Project } from '../../preload/contract.ts';
import { evaluateCondition } from '../../main/monitors/conditions/evaluate-condition.ts';
import { wildcardMatch } from '../../main/core/wildcard-match.ts';
import { parseCondition } from '../../main/monitors/conditions/parse-condition.ts';
import { readPhotonYml } from '../../main/project-config/read-photon-yml.ts';
import { withoutTimings } from '../../main/monitors/result-writer.ts';
import { Scheduler } from '../../main/monitors/scheduler.ts';
import { Semaphore } from '../../main/monitors/semaphore.ts';
import { pruneOldData, RETENTION_DEFAULTS } from '../../main/monitors/retention.ts';
import { startHttpServer } from '../../main/server/http-server.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { controllableGuard, down, fakeRegistry, up } from '../helpers/fake-checks.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

function coreWithFakes(t: import('node:test').TestContext, dir?: string) {
  const fake = fakeRegistry();
  const core = startTestCore(dir, { checks: fake.registry, networkGuard: controllableGuard().guard });
  t.after(() => (dir ? core.close() : core.dispose()));
  const ok = async <T>(method: string, input: unknown): Promise<T> => {
    const env = await core.dispatch(method, input);
    assert.ok(env.ok, `${method}: ${JSON.stringify(env)}`);
    return env.value as T;
  };
  const save = (input: Record<string, unknown>) => ok<MonitorSummary>('saveMonitor', { intervalSeconds: 3600, ...input });
  return { fake, core, ok, save };
}

test('removing a project stops and deletes its monitors; the other monitors keep storing results', async (t) => {
  const { fake, core, ok, save } = coreWithFakes(t);
  const project = await ok<Project>('addProject', { name: 'Doomed' });
  const gone = await save({ name: 'gone', projectId: project.id, target: { kind: 'tcp', host: 'gone.test', port: 1 } });
  const kept = await save({ name: 'kept', target: { kind: 'tcp', host: 'kept.test', port: 1 } });
  fake.set('gone.test', up());
  fake.set('kept.test', up());
  await core.monitoring.runNow(gone.id);
  await ok('removeProject', { id: project.id });
  assert.deepEqual((await ok<MonitorSummary[]>('listMonitors', {})).map((m) => m.name), ['kept']);
  await core.monitoring.runNow(kept.id);
  core.monitoring.flush();
  const detail = await ok<{ recentResults: unknown[] }>('getMonitor', { id: kept.id });
  assert.equal(detail.recentResults.length, 1, 'the writer still commits');
});

test('a flush the database refuses is retried whole; incidents stay with their own monitor', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const { fake, core, save, ok } = coreWithFakes(t, temp.dir);
  const a = await save({ name: 'a', failureThreshold: 1, successThreshold: 1, target: { kind: 'tcp', host: 'a.test', port: 1 } });
  const b = await save({ name: 'b', failureThreshold: 1, successThreshold: 1, target: { kind: 'tcp', host: 'b.test', port: 1 } });
  fake.set('a.test', down('refused'));
  // Simulate a disk-full moment: the database refuses this batch (runNow commits its result at once).
  const Database = (await import('better-sqlite3')).default;
  const side = new Database(`${temp.dir}/photon.db`);
  side.exec("CREATE TRIGGER refuse BEFORE INSERT ON monitor_events BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  await assert.rejects(core.monitoring.runNow(a.id), /disk full/);
  assert.throws(() => core.monitoring.flush(), /disk full/);
  assert.equal((await ok<{ summary: MonitorSummary }>('getMonitor', { id: a.id })).summary.status, 'PENDING', 'nothing shown that was not stored');
  side.exec('DROP TRIGGER refuse');
  side.close();
  core.monitoring.flush();
  fake.set('b.test', down('refused'));
  await core.monitoring.runNow(b.id);
  fake.set('a.test', up());
  await core.monitoring.runNow(a.id);
  core.monitoring.flush();
  const incidents = await ok<Array<{ monitorName: string; closedAt: number | null }>>('listIncidents', {});
  assert.deepEqual(
    incidents.map((i) => [i.monitorName, i.closedAt === null ? 'open' : 'closed']).sort(),
    [
      ['a', 'closed'],
      ['b', 'open'],
    ],
  );
});

test('pat() on a hostile 1 MiB body answers at once instead of backtracking for minutes', { timeout: 10_000 }, () => {
  const body = 'status '.repeat(150_000);
  const r = evaluateCondition(parseCondition('[BODY] == pat(*status*up*)'), { BODY: body });
  assert.equal(r.satisfied, false);
  assert.equal(wildcardMatch('x v=DMARC1; p=none', '*v=DMARC1*'), true);
  assert.equal(wildcardMatch('abc', 'a?c'), true);
  assert.equal(wildcardMatch('ac', 'a?c'), false);
  assert.equal(wildcardMatch('', '*'), true);
});

test('a dependsOn cycle in photon.yml is refused with the chain', () => {
  const config = readPhotonYml(
    'monitors:\n  - name: a\n    kind: ping\n    host: a\n    dependsOn: b\n  - name: b\n    kind: ping\n    host: b\n    dependsOn: a\n',
    'photon.yml',
  );
  assert.equal(config.monitors.length, 0);
  assert.equal(config.problems[0]!.line, 5);
  assert.match(config.problems[0]!.message, /dependsOn forms a cycle: a → b → a/);
});

test('a stored monitor that no longer validates is reported at startup; the others still run', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const first = coreWithFakes(t, temp.dir);
  const good = await first.save({ name: 'good', target: { kind: 'tcp', host: 'g.test', port: 1 } });
  const bad = await first.save({ name: 'bad', target: { kind: 'tcp', host: 'b.test', port: 1 } });
  await first.core.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${temp.dir}/photon.db`);
  db.prepare("UPDATE monitors SET definition = json_set(definition, '$.intervalSeconds', 2) WHERE id = ?").run(bad.id);
  db.close();
  const second = coreWithFakes(t, temp.dir);
  const info = await second.ok<{ notices: string[] }>('getAppInfo', {});
  assert.ok(info.notices.some((n) => n.startsWith(`Monitor ${bad.id} could not be loaded`) && n.includes('intervalSeconds')), info.notices.join('\n'));
  assert.deepEqual((await second.ok<MonitorSummary[]>('listMonitors', {})).map((m) => m.id), [good.id]);
});

test('monitor ids are never reused after a removal', async (t) => {
  const { ok, save } = coreWithFakes(t);
  const first = await save({ name: 'one', target: { kind: 'tcp', host: 'x.test', port: 1 } });
  await ok('removeMonitor', { id: first.id });
  const second = await save({ name: 'two', target: { kind: 'tcp', host: 'x.test', port: 1 } });
  assert.ok(second.id > first.id);
});

test('stored messages drop their timings, so a steady monitor stores one message, not one per result', async (t) => {
  assert.equal(withoutTimings('HTTP 200 in 8.7 ms'), 'HTTP 200');
  assert.equal(withoutTimings('3/3 replies, avg 0.05 ms'), '3/3 replies');
  assert.equal(withoutTimings('certificate valid, expires in 13.2 days'), 'certificate valid, expires in 13.2 days');
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const { fake, core, save } = coreWithFakes(t, temp.dir);
  const m = await save({ name: 'steady', target: { kind: 'tcp', host: 's.test', port: 1 } });
  for (const ms of [5, 6, 7, 8]) {
    fake.set('s.test', { ...up(ms), message: `HTTP 200 in ${ms} ms` });
    await core.monitoring.runNow(m.id);
  }
  core.monitoring.flush();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${temp.dir}/photon.db`, { readonly: true });
  t.after(() => db.close());
  assert.deepEqual(db.prepare('SELECT message FROM result_messages').all(), [{ message: 'HTTP 200' }]);
});

test('retention prunes old closed incidents, their events and rows of monitors that no longer exist', async (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const { core } = coreWithFakes(t, temp.dir);
  await core.close();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${temp.dir}/photon.db`);
  t.after(() => db.close());
  const now = Date.UTC(2026, 10, 26);
  const old = now - RETENTION_DEFAULTS.dayMs - 1000;
  db.prepare("INSERT INTO monitors (id, definition, created_at, updated_at) VALUES (1, '{}', 0, 0)").run();
  db.prepare('INSERT INTO incidents (id, monitor_id, opened_at, closed_at, cause) VALUES (1, 1, ?, ?, ?)').run(old, old, 'x');
  db.prepare('INSERT INTO incidents (id, monitor_id, opened_at, closed_at, cause) VALUES (2, 1, ?, NULL, ?)').run(old, 'still open');
  db.prepare("INSERT INTO monitor_events (monitor_id, incident_id, at, from_status, to_status, reason) VALUES (1, 1, ?, 'UP', 'DOWN', 'x')").run(old);
  db.prepare('INSERT INTO result_blocks (monitor_id, block, data) VALUES (99, ?, x\'00\')').run(Math.floor(now / 3_600_000));
  pruneOldData(db, RETENTION_DEFAULTS, now);
  assert.deepEqual(db.prepare('SELECT id FROM incidents').all(), [{ id: 2 }], 'an open incident is never pruned');
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM monitor_events').get(), { n: 0 });
  assert.deepEqual(db.prepare('SELECT count(*) AS n FROM result_blocks').get(), { n: 0 });
});

test('scheduler: a restart keeps a monitor\'s rhythm; new monitors run within the spread; an edit never overlaps a run', async () => {
  const now = 1_000_000;
  const started: number[] = [];
  let release: () => void = () => {};
  const s = new Scheduler(
    async (id, signal) => {
      started.push(id);
      await new Promise<void>((r) => {
        release = r;
        signal.addEventListener('abort', () => r());
      });
    },
    { concurrency: 4, now: () => now, random: () => 0.5 },
  );
  s.add(1, 86_400_000, { lastRunAt: now - 3_600_000 });
  assert.equal(s.nextRunAt(1), now - 3_600_000 + 86_400_000, 'a daily check keeps its time across restarts');
  s.add(2, 86_400_000, { lastRunAt: null, spreadMs: 60_000 });
  assert.equal(s.nextRunAt(2), now + 30_000, 'jittered within the spread, not the whole day');
  s.add(3, 10_000, { lastRunAt: now - 50_000 });
  assert.equal(s.nextRunAt(3), now + 5_000, 'overdue: runs soon');
  const running = s.runNow(3);
  while (started.length === 0) await new Promise((r) => setImmediate(r));
  s.add(3, 20_000, { lastRunAt: null, spreadMs: 60_000 });
  const second = s.runNow(3);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(started, [3], 'no second run while the first is in flight');
  release();
  await running;
  await second;
  assert.equal(s.nextRunAt(3), now + 10_000, 'the edited schedule (jittered over its 20 s interval) starts after the run settled');
  await s.stop();
});

test('semaphore: a released slot goes to the first waiter; the cap is never exceeded', async () => {
  const sem = new Semaphore(2);
  let active = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      const release = await sem.acquire();
      peak = Math.max(peak, ++active);
      await new Promise((r) => setImmediate(r));
      active--;
      release();
      // A newcomer right after a release must queue behind existing waiters.
      const again = await sem.acquire();
      peak = Math.max(peak, ++active);
      active--;
      again();
    }),
  );
  assert.equal(peak, 2);
  assert.equal(sem.inUse, 0);
});

test('a client that stops reading the event stream is dropped instead of buffered without end', { timeout: 30_000 }, async (t) => {
  const { core } = coreWithFakes(t);
  const server = await startHttpServer({ core, token: 'tok', staticDir: core.dataDir, host: '127.0.0.1', port: 0 });
  t.after(() => server.close());
  const before = core.events.subscribers;
  const req = http.get(`${server.url}api/events`, { headers: { Authorization: 'Bearer tok' } }, (res) => res.pause());
  req.on('error', () => {});
  t.after(() => req.destroy());
  while (core.events.subscribers === before) await new Promise((r) => setTimeout(r, 10));
  const notes = 'n'.repeat(200_000);
  // A paused client never notices the hang-up, so watch the server side: its subscription must end.
  for (let i = 0; i < 300 && core.events.subscribers > before; i++) {
    core.events.emit('projectsChanged', { projects: [{ id: `${i}`, name: 'p', repoPath: null, notes, createdAt: '', updatedAt: '' }] });
    await new Promise((r) => setImmediate(r));
  }
  assert.equal(core.events.subscribers, before, 'the stalled stream was dropped and unsubscribed');
});
