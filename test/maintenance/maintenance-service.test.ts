import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from '../../main/core/event-bus.ts';
import { MaintenanceService } from '../../main/maintenance/maintenance-service.ts';
import { openDatabase } from '../../main/store/open-database.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

test('a host window covers the monitor and everything below it; a monitor window only itself; both are announced when they start', (t) => {
  const temp = makeTempDir();
  t.after(temp.cleanup);
  const store = openDatabase(temp.dir);
  t.after(() => store.db.close());
  // vm(1) ← api(2) ← worker(3); db(4) stands alone. Real rows: windows reference monitors.
  const insert = store.db.prepare("INSERT INTO monitors (id, definition, created_at, updated_at) VALUES (?, '{}', 0, 0)");
  [1, 2, 3, 4].forEach((id) => insert.run(id));
  const parents: Record<number, number | null> = { 1: null, 2: 1, 3: 2, 4: null };
  const names: Record<number, string> = { 1: 'vm', 2: 'api', 3: 'worker', 4: 'db' };
  const events = new EventBus();
  const announced: unknown[] = [];
  events.onAny((name, payload) => name === 'maintenanceChanged' && announced.push(payload));
  let now = Date.parse('2026-11-26T10:00:00Z');
  const svc = new MaintenanceService(store.db, { parentOf: (id) => parents[id] ?? null, nameOf: (id) => names[id] ?? null }, events, () => now);

  svc.announceTransitions(now);
  const host = svc.save({ name: 'reboot', monitorId: 1, scope: 'host', schedule: { type: 'once', startsAt: now + 60_000, endsAt: now + 3_600_000 } });
  svc.save({ name: 'db vacuum', monitorId: 4, scope: 'monitor', schedule: { type: 'weekly', weekdays: ['thu'], startTime: '09:30', durationMinutes: 60, timezone: 'UTC' } });
  announced.length = 0;

  assert.equal(svc.activeFor(3, now), null, 'not yet');
  svc.announceTransitions(now);
  assert.equal(announced.length, 1, 'db vacuum (Thursday 09:30–10:30 UTC) is in force: announced once');
  now += 120_000;
  for (const id of [1, 2, 3]) assert.equal(svc.activeFor(id, now)?.window.id, host.id, `monitor ${id} is covered by the host window`);
  assert.equal(svc.activeFor(4, now)?.window.name, 'db vacuum');
  svc.announceTransitions(now);
  svc.announceTransitions(now);
  assert.equal(announced.length, 2, 'the reboot window started: announced once, not on every tick');
  assert.throws(() => svc.save({ name: 'x', monitorId: 99, scope: 'host', schedule: { type: 'once', startsAt: 1, endsAt: 2 } }), /monitorId: no monitor with id 99/);
  assert.throws(
    () => svc.save({ name: 'x', monitorId: 1, scope: 'host', schedule: { type: 'weekly', weekdays: ['mon'], startTime: '01:00', durationMinutes: 5, timezone: 'Europe/Atlantis' } }),
    /schedule.timezone: timezone "Europe\/Atlantis" is not an IANA time zone name/,
  );
  assert.deepEqual(svc.occurrencesFor(3, now - 3_600_000, now).map((o) => o.name), ['reboot']);
});
