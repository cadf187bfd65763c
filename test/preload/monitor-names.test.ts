import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MONITOR_KINDS, MONITOR_STATUSES, MonitorStatusSchema, MonitorTargetSchema, STATUS_SEVERITY } from '../../preload/contract.ts';

test('MONITOR_KINDS are the target union’s kinds, and its error names them all', () => {
  assert.deepEqual(MONITOR_KINDS, ['ping', 'tcp', 'http', 'tls', 'dns', 'ssh', 'postgres', 'sqlite-over-ssh']);
  for (const kind of MONITOR_KINDS) assert.ok(MonitorTargetSchema.options.some((o) => o.shape.kind.value === kind));
  const refused = MonitorTargetSchema.safeParse({ kind: 'ftp' });
  assert.equal(refused.error?.issues[0]?.message, `target.kind must be one of ${MONITOR_KINDS.join(', ')}`);
});

test('statuses worst first: the status enum is built from that list, and STATUS_SEVERITY ranks by it', () => {
  assert.deepEqual(MONITOR_STATUSES, ['DOWN', 'UNKNOWN', 'PENDING', 'DEGRADED', 'MAINTENANCE', 'UP']);
  assert.deepEqual(MonitorStatusSchema.options, MONITOR_STATUSES);
  assert.deepEqual(STATUS_SEVERITY, { DOWN: 0, UNKNOWN: 1, PENDING: 2, DEGRADED: 3, MAINTENANCE: 4, UP: 5 });
});
