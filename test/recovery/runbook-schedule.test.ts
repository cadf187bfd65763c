import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextDue } from '../../main/recovery/runbook-schedule.ts';

const at = (s: string) => new Date(s).getTime();

test('"every" counts from the last run, and is due at once when it never ran', () => {
  assert.equal(nextDue('every 6h', null, at('2026-11-26T10:00:00')), at('2026-11-26T10:00:00'));
  assert.equal(nextDue('every 6h', at('2026-11-26T10:00:00'), 0), at('2026-11-26T16:00:00'));
  assert.equal(nextDue('every 15m', at('2026-11-26T10:00:00'), 0), at('2026-11-26T10:15:00'));
  assert.equal(nextDue('every 2d', at('2026-11-26T10:00:00'), 0), at('2026-11-28T10:00:00'));
});

test('"daily HH:MM" is the next such local time after the last run', () => {
  assert.equal(nextDue('daily 03:30', at('2026-11-26T02:00:00'), 0), at('2026-11-26T03:30:00'));
  assert.equal(nextDue('daily 03:30', at('2026-11-26T03:30:00'), 0), at('2026-11-27T03:30:00'));
  assert.equal(nextDue('daily 03:30', null, at('2026-11-26T12:00:00')), at('2026-11-27T03:30:00'));
});

test('"weekly DAY HH:MM" lands on that weekday', () => {
  // 2026-11-26 is a Thursday.
  assert.equal(nextDue('weekly mon 04:00', at('2026-11-26T12:00:00'), 0), at('2026-11-30T04:00:00'));
  assert.equal(nextDue('weekly thu 13:00', at('2026-11-26T12:00:00'), 0), at('2026-11-26T13:00:00'));
  assert.equal(nextDue('weekly thu 11:00', at('2026-11-26T12:00:00'), 0), at('2026-12-03T11:00:00'));
});

test('times that do not exist are refused', () => {
  assert.throws(() => nextDue('daily 24:00', null, 0), /not a schedule/);
  assert.throws(() => nextDue('daily 12:60', null, 0), /not a schedule/);
  assert.throws(() => nextDue('hourly', null, 0), /not a schedule/);
});
