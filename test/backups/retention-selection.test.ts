import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayKey, isoWeekKey, selectBackupsToKeep } from '../../main/backups/retention-selection.ts';

const at = (iso: string) => Date.parse(iso);
const ids = (list: Array<{ id: number }>) => list.map((b) => b.id).sort((a, b) => a - b);

test('ISO weeks: Monday starts the week, and the first days of January can belong to last year', () => {
  assert.equal(isoWeekKey(at('2026-11-26T12:00:00Z')), '2026-W48');
  assert.equal(isoWeekKey(at('2026-11-23T00:00:00Z')), '2026-W48', 'Monday');
  assert.equal(isoWeekKey(at('2026-11-22T23:59:59Z')), '2026-W47', 'Sunday before');
  assert.equal(isoWeekKey(at('2021-01-03T10:00:00Z')), '2020-W53');
  assert.equal(isoWeekKey(at('2026-01-01T10:00:00Z')), '2026-W01');
  assert.equal(dayKey(at('2026-11-26T23:59:59Z')), '2026-11-26');
});

test('keep 7 daily, 4 weekly over 40 days of one backup a day keeps exactly the expected ones', () => {
  // Day 1 = 2026-10-18 (a Sunday) … day 40 = 2026-11-26 (a Thursday).
  const backups = Array.from({ length: 40 }, (_, i) => ({ id: i + 1, at: at('2026-10-18T02:00:00Z') + i * 86_400_000 }));
  const { keep, remove } = selectBackupsToKeep(backups, { keepDaily: 7, keepWeekly: 4 });
  // Daily: the last 7 days (ids 34–40). Weekly: newest of the 4 newest ISO weeks — W48 (id 40),
  // W47 (Sunday Nov 22 = id 36), W46 (Sunday Nov 15 = id 29), W45 (Sunday Nov 8 = id 22).
  assert.deepEqual(ids(keep), [22, 29, 34, 35, 36, 37, 38, 39, 40]);
  assert.equal(keep.length + remove.length, 40);
  assert.deepEqual(ids(remove), [...Array.from({ length: 21 }, (_, i) => i + 1), ...Array.from({ length: 6 }, (_, i) => i + 23), 30, 31, 32, 33]);
});

test('several backups on one day: only the newest of that day counts for the daily slot', () => {
  const backups = [
    { id: 1, at: at('2026-11-26T01:00:00Z') },
    { id: 2, at: at('2026-11-26T13:00:00Z') },
    { id: 3, at: at('2026-11-25T13:00:00Z') },
  ];
  assert.deepEqual(ids(selectBackupsToKeep(backups, { keepDaily: 2, keepWeekly: 0 }).keep), [2, 3]);
});

test('a zero policy still keeps the newest backup; an empty list keeps nothing', () => {
  const backups = [
    { id: 1, at: at('2026-11-01T00:00:00Z') },
    { id: 2, at: at('2026-11-02T00:00:00Z') },
  ];
  assert.deepEqual(ids(selectBackupsToKeep(backups, { keepDaily: 0, keepWeekly: 0 }).keep), [2]);
  assert.deepEqual(selectBackupsToKeep([], { keepDaily: 7, keepWeekly: 4 }), { keep: [], remove: [] });
});

test('gaps: "keep 3 daily" means the 3 newest days that HAVE a backup, not the last 3 calendar days', () => {
  const backups = [
    { id: 1, at: at('2026-11-01T00:00:00Z') },
    { id: 2, at: at('2026-11-10T00:00:00Z') },
    { id: 3, at: at('2026-11-20T00:00:00Z') },
    { id: 4, at: at('2026-11-21T00:00:00Z') },
  ];
  assert.deepEqual(ids(selectBackupsToKeep(backups, { keepDaily: 3, keepWeekly: 0 }).keep), [2, 3, 4]);
});
