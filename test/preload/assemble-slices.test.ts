import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { assembleSlices } from '../../preload/assemble-slices.ts';
import { EVENT_NAMES, METHOD_NAMES } from '../../preload/contract.ts';

const shape = { input: z.strictObject({}), result: z.number() };

test('slices join into one table, in slice order, each name keeping its own shape', () => {
  const other = { input: z.strictObject({}), result: z.string() };
  const table = assembleSlices('method', { first: { a: shape, b: shape }, second: { c: other } });
  assert.deepEqual(Object.keys(table), ['a', 'b', 'c']);
  assert.equal(table.c, other);
});

test('a name declared by two slices throws, naming the name and both slices', () => {
  assert.throws(
    () => assembleSlices('event', { monitors: { changed: z.object({}) }, hosts: { hostsChanged: z.object({}), changed: z.object({}) } }),
    { message: 'The contract declares event changed twice: in the monitors slice and in the hosts slice' },
  );
});

test('the real contract loads: every capability slice is there and no name is shared', () => {
  // One name from each slice; a slice left out of contract.ts would lose its methods here.
  for (const name of ['getAppInfo', 'listProjects', 'listMonitors', 'listLoops', 'getOverview', 'importProjectConfig', 'getSettings', 'listSecrets', 'listHosts', 'listRunbooks', 'listAgents', 'assessProject', 'listAlerts', 'listMaintenanceWindows', 'getBackupStatus']) {
    assert.ok((METHOD_NAMES as string[]).includes(name), name);
  }
  for (const name of ['projectsChanged', 'monitorsUpdated', 'loopsChanged', 'settingsChanged', 'hostsChanged', 'secretsChanged', 'runChanged', 'agentsUpdated', 'scorecardProgress', 'alertsChanged', 'maintenanceChanged', 'backupsChanged']) {
    assert.ok((EVENT_NAMES as string[]).includes(name), name);
  }
});
