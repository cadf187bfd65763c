import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeOccurrence, assertTimeZone, nextOccurrence, occurrencesBetween, zonedToInstant, type MaintenanceSchedule } from '../../main/maintenance/schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

test('local wall-clock time in an IANA zone becomes the right instant, across daylight saving', () => {
  // Berlin is UTC+1 in winter, UTC+2 in summer.
  assert.equal(iso(zonedToInstant('Europe/Berlin', 2026, 1, 11, 2, 0)), '2026-01-11T01:00:00.000Z');
  assert.equal(iso(zonedToInstant('Europe/Berlin', 2026, 7, 12, 2, 0)), '2026-07-12T00:00:00.000Z');
  assert.equal(iso(zonedToInstant('America/New_York', 2026, 11, 26, 9, 30)), '2026-11-26T14:30:00.000Z');
  assert.equal(iso(zonedToInstant('UTC', 2026, 11, 26, 9, 30)), '2026-11-26T09:30:00.000Z');
  // 29 March 2026: Berlin skips from 02:00 to 03:00, so 02:30 does not exist; it runs an hour later by the clock (01:30Z = 03:30 CEST).
  assert.equal(iso(zonedToInstant('Europe/Berlin', 2026, 3, 29, 2, 30)), '2026-03-29T01:30:00.000Z');
});

const sundayNight: MaintenanceSchedule = { type: 'weekly', weekdays: ['sun'], startTime: '02:00', durationMinutes: 60, timezone: 'Europe/Berlin' };

test('a weekly window stays at 02:00 local time on both sides of the October clock change', () => {
  const list = occurrencesBetween(sundayNight, at('2026-10-15T00:00:00Z'), at('2026-11-05T00:00:00Z'));
  // 18 Oct (CEST, UTC+2), 25 Oct (the change: 02:00 exists twice, the first is taken), 1 Nov (CET, UTC+1).
  assert.deepEqual(
    list.map((o) => [iso(o.start), iso(o.end)]),
    [
      ['2026-10-18T00:00:00.000Z', '2026-10-18T01:00:00.000Z'],
      ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
      ['2026-11-01T01:00:00.000Z', '2026-11-01T02:00:00.000Z'],
    ],
  );
});

test('active at an instant: inside the window yes, at its end no; several weekdays', () => {
  assert.ok(activeOccurrence(sundayNight, at('2026-11-01T01:30:00Z')));
  assert.equal(activeOccurrence(sundayNight, at('2026-11-01T02:00:00Z')), null, 'the end is exclusive');
  assert.equal(activeOccurrence(sundayNight, at('2026-11-02T01:30:00Z')), null, 'Monday');
  const weekdays: MaintenanceSchedule = { type: 'weekly', weekdays: ['mon', 'wed'], startTime: '23:30', durationMinutes: 90, timezone: 'UTC' };
  // A window that crosses midnight: Monday 23:30 → Tuesday 01:00.
  assert.ok(activeOccurrence(weekdays, at('2026-11-24T00:30:00Z')), 'Tuesday 00:30 is inside Monday night’s window');
  assert.equal(activeOccurrence(weekdays, at('2026-11-24T01:00:00Z')), null);
  assert.equal(iso(nextOccurrence(weekdays, at('2026-11-24T01:00:00Z'))!.start), '2026-11-25T23:30:00.000Z');
});

test('one-off windows, and unknown zones refused by name', () => {
  const once: MaintenanceSchedule = { type: 'once', startsAt: at('2026-11-26T10:00:00Z'), endsAt: at('2026-11-26T11:00:00Z') };
  assert.ok(activeOccurrence(once, at('2026-11-26T10:59:59Z')));
  assert.equal(activeOccurrence(once, at('2026-11-26T11:00:00Z')), null);
  assert.equal(nextOccurrence(once, at('2026-11-26T11:00:00Z')), null);
  assert.deepEqual(occurrencesBetween(once, at('2026-11-26T00:00:00Z'), at('2026-11-27T00:00:00Z')).length, 1);
  assert.throws(() => assertTimeZone('Mars/Olympus_Mons'), /timezone "Mars\/Olympus_Mons" is not an IANA time zone name/);
});
