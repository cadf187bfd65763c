import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AgentsService } from '../../main/agents/agents-service.ts';
import { readPresence, DEFAULT_THRESHOLDS } from '../../main/agents/presence.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { ProjectsRepository } from '../../main/projects/projects-repository.ts';
import { ProjectsService } from '../../main/projects/projects-service.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { openDatabase } from '../../main/store/open-database.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const T0 = Date.UTC(2026, 2, 1, 9);
const S = 1000;

function setup(t: { after: (fn: () => void) => void }) {
  const tmp = makeTempDir('photon-presence-');
  const { db } = openDatabase(tmp.dir);
  const clock = { now: T0 };
  const events = new EventBus();
  const projects = new ProjectsService(new ProjectsRepository(db), events);
  const service = new AgentsService({ db, events, secrets: new MemorySecretStore(), logger: silentLogger, now: () => clock.now });
  t.after(() => {
    service.close();
    db.close();
    tmp.cleanup();
  });
  const project = (name: string) => {
    const p = projects.add({ name });
    service.seedProjects([p.id]);
    return p;
  };
  return { service, clock, project };
}

test('readPresence: ONLINE with an open task, IDLE without, STALE past staleAfter, OFFLINE past offlineAfter or never heard from', () => {
  const th = DEFAULT_THRESHOLDS;
  assert.equal(readPresence(null, 0, th, T0).state, 'OFFLINE');
  assert.equal(readPresence(T0, 1, th, T0 + 300 * S).state, 'ONLINE');
  assert.equal(readPresence(T0, 0, th, T0 + 300 * S).state, 'IDLE');
  assert.deepEqual(readPresence(T0, 1, th, T0 + 301 * S), { state: 'STALE', since: T0 + 300 * S, reason: 'no report for more than 300 s' });
  assert.deepEqual(readPresence(T0, 0, th, T0 + 901 * S), { state: 'OFFLINE', since: T0 + 900 * S, reason: 'no report for more than 900 s' });
});

test('every transition is stored at the moment it happened, and the sweep dates STALE/OFFLINE at the threshold crossing', (t) => {
  const { service, clock, project } = setup(t);
  const p = project('alpha');
  const a = service.roster.findByCode(p.id, 'A')!;
  const report = (r: Parameters<AgentsService['report']>[1]) => service.report(service.roster.get(a.id)!, r, clock.now, 'test');

  report({ type: 'heartbeat' });
  clock.now = T0 + 10 * S;
  report({ type: 'task-started', taskId: 't1', title: 'Build', key: 's1' });
  assert.equal(service.summary(a.id).presence, 'ONLINE');
  assert.equal(service.summary(a.id).currentTask?.title, 'Build');
  clock.now = T0 + 20 * S;
  report({ type: 'task-finished', taskId: 't1', outcome: 'success', key: 'f1' });
  const afterFinish = service.summary(a.id);
  assert.equal(afterFinish.presence, 'IDLE');
  assert.equal(afterFinish.currentTask, null);

  clock.now = T0 + 200 * S;
  assert.equal(service.sweep(), 0, 'within the thresholds nothing changes');
  clock.now = T0 + 20 * S + 301 * S;
  assert.equal(service.sweep(), 1);
  assert.equal(service.summary(a.id).presence, 'STALE');
  assert.equal(service.summary(a.id).presenceSince, T0 + 320 * S, 'dated at the crossing, not at the sweep');
  clock.now = T0 + 20 * S + 2000 * S;
  service.sweep();
  assert.equal(service.summary(a.id).presence, 'OFFLINE');
  clock.now = T0 + 3000 * S;
  report({ type: 'heartbeat' });
  assert.equal(service.summary(a.id).presence, 'IDLE');

  const h = service.history(a.id, '24h');
  assert.deepEqual(
    h.presence.map((e) => [e.at - T0, e.from, e.to]),
    [
      [0, 'OFFLINE', 'IDLE'],
      [10 * S, 'IDLE', 'ONLINE'],
      [20 * S, 'ONLINE', 'IDLE'],
      [320 * S, 'IDLE', 'STALE'],
      [920 * S, 'STALE', 'OFFLINE'],
      [3000 * S, 'OFFLINE', 'IDLE'],
    ],
  );
  assert.deepEqual(
    h.tasks.map((x) => [x.taskId, x.outcome, x.durationMs]),
    [['t1', 'success', 10 * S]],
    'duration measured from start to finish when the agent does not send one',
  );
});

test('a sweep that missed the stale phase (app closed) still records STALE before OFFLINE', (t) => {
  const { service, clock, project } = setup(t);
  const p = project('beta');
  const b = service.roster.findByCode(p.id, 'B')!;
  service.report(b, { type: 'heartbeat' }, clock.now, 'test');
  clock.now = T0 + 5000 * S;
  service.sweep();
  assert.deepEqual(
    service.history(b.id, '24h').presence.map((e) => [e.at - T0, e.to]),
    [
      [0, 'IDLE'],
      [300 * S, 'STALE'],
      [900 * S, 'OFFLINE'],
    ],
  );
});

test('thresholds are per project', (t) => {
  const { service, clock, project } = setup(t);
  const slow = project('slow');
  const fast = project('fast');
  service.settings.set(fast.id, { heartbeatSeconds: 5, staleAfterSeconds: 30, offlineAfterSeconds: 60 });
  const slowA = service.roster.findByCode(slow.id, 'A')!;
  const fastA = service.roster.findByCode(fast.id, 'A')!;
  service.report(slowA, { type: 'heartbeat' }, clock.now, 'test');
  service.report(fastA, { type: 'heartbeat' }, clock.now, 'test');
  clock.now = T0 + 45 * S;
  service.sweep();
  assert.equal(service.summary(slowA.id).presence, 'IDLE');
  assert.equal(service.summary(fastA.id).presence, 'STALE');
  assert.equal(service.summary(fastA.id).trust.factors.responsiveness.value, null, 'one heartbeat is no interval yet');
});

test('roster: defaults A–F, rename and retire keep the history; codes are never reused', (t) => {
  const { service, clock, project } = setup(t);
  const p = project('gamma');
  assert.deepEqual(
    service.list(p.id).map((a) => a.code),
    ['A', 'B', 'C', 'D', 'E', 'F'],
  );
  const c = service.roster.findByCode(p.id, 'C')!;
  service.report(c, { type: 'task-finished', taskId: 'x', outcome: 'failure', durationMs: 5, key: 'k' }, clock.now, 'test');
  const renamed = service.update(c.id, { name: 'Backend bot', role: 'Backend', capabilities: ['sql', 'node'], backedBy: 'claude-sonnet' });
  assert.equal(renamed.name, 'Backend bot');
  assert.deepEqual(renamed.capabilities, ['sql', 'node']);
  assert.equal(renamed.last24h.failure, 1, 'history follows the rename');
  const g = service.add(p.id, undefined, { name: 'Agent G', role: 'QA', capabilities: [], backedBy: 'Dana' });
  assert.equal(g.code, 'G');
  assert.throws(() => service.add(p.id, 'C', { name: 'dup', role: 'x', capabilities: [], backedBy: '' }), /Agent code "C" is already used/);
  assert.equal(service.sweep(), 0);
  assert.equal(service.list(p.id).length, 7);
  // Seeding again (a restart, another projectsChanged) adds nothing.
  service.seedProjects([p.id]);
  assert.equal(service.list(p.id).length, 7);
});
