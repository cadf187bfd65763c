import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MONITOR_KINDS,
  MonitorStatusSchema,
  MonitorTargetSchema,
  methods,
  type MonitorKind,
  type MonitorTarget,
  type ParsedInput,
} from '../../preload/contract.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { LoopRegistry } from '../../main/loops/loop-registry.ts';
import { CHECK_KINDS, checkRegistry, describeTarget } from '../../main/monitors/checks/registry.ts';
import { MONITOR_STATUSES, severityRank } from '../../main/monitors/monitor-state.ts';
import { MonitoringService } from '../../main/monitors/monitoring-service.ts';
import { openDatabase } from '../../main/store/open-database.ts';
import { controllableGuard, fakeRegistry } from '../helpers/fake-checks.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const parse = (input: Record<string, unknown>): MonitorTarget => MonitorTargetSchema.parse(input);

/** One target per kind and the line lists, alerts and the CLI show for it; a new kind must add its row. */
const DESCRIBED = {
  ping: [{ kind: 'ping', host: 'vm1.internal' }, 'vm1.internal'],
  tcp: [{ kind: 'tcp', host: '::1', port: 5432 }, '[::1]:5432'],
  http: [{ kind: 'http', url: 'https://example.test/health' }, 'GET https://example.test/health'],
  tls: [{ kind: 'tls', host: 'lb.internal', servername: 'example.test' }, 'lb.internal:443 (example.test)'],
  dns: [{ kind: 'dns', query: 'example.test', recordType: 'MX', resolver: '192.0.2.53' }, 'MX example.test @192.0.2.53'],
  ssh: [{ kind: 'ssh', host: 'vm1.internal', user: 'ops', command: 'uptime' }, 'ops@vm1.internal:22 $ uptime'],
  postgres: [{ kind: 'postgres', host: 'db.internal', database: 'shop', user: 'monitor' }, 'postgres://monitor@db.internal:5432/shop'],
  'sqlite-over-ssh': [{ kind: 'sqlite-over-ssh', host: 'vm1.internal', port: 2222, user: 'ops', file: '/srv/app.db' }, 'ops@vm1.internal:2222 /srv/app.db'],
} satisfies Record<MonitorKind, [Record<string, unknown>, string]>;

test('the registry has exactly the contract’s kinds, each under its own name', () => {
  assert.deepEqual(Object.keys(checkRegistry), MONITOR_KINDS);
  assert.deepEqual(CHECK_KINDS, MONITOR_KINDS);
  for (const [name, kind] of Object.entries(checkRegistry)) assert.equal(kind.kind, name);
});

test('every kind describes itself, and describeTarget is the registry’s description', () => {
  assert.deepEqual(Object.keys(DESCRIBED).sort(), [...MONITOR_KINDS].sort());
  for (const [input, expected] of Object.values(DESCRIBED)) {
    const target = parse(input);
    assert.equal(describeTarget(target), expected, target.kind);
    assert.equal(describeTarget(target), checkRegistry[target.kind].describe(target as never), target.kind);
  }
});

test('an http URL with a user and password is described without them', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ url: 'https://ops:s3cret@example.test/health?verbose=1' }, 'GET https://example.test/health?verbose=1'],
    [{ url: 'http://api-token@127.0.0.1:8080/', method: 'POST' }, 'POST http://127.0.0.1:8080/'],
    [{ url: 'https://:s3cret@example.test/x' }, 'GET https://example.test/x'],
  ];
  for (const [fields, expected] of cases) {
    const described = describeTarget(parse({ kind: 'http', ...fields }));
    assert.equal(described, expected);
    assert.doesNotMatch(described, /s3cret|api-token|@/);
  }
});

test('a postgres target is described without its password, ssh targets without their key', () => {
  process.env.PHOTON_TEST_DESCRIBE_PW = 's3cret';
  try {
    const pg = describeTarget(parse({ kind: 'postgres', host: 'db.internal', database: 'shop', user: 'monitor', passwordEnv: 'PHOTON_TEST_DESCRIBE_PW' }));
    assert.equal(pg, 'postgres://monitor@db.internal:5432/shop');
  } finally {
    delete process.env.PHOTON_TEST_DESCRIBE_PW;
  }
  const login = { host: 'vm1.internal', user: 'ops', privateKeyPath: '/home/ops/.ssh/id_ed25519' };
  for (const input of [{ kind: 'ssh', ...login }, { kind: 'sqlite-over-ssh', ...login, file: '/srv/app.db' }]) {
    assert.doesNotMatch(describeTarget(parse(input)), /id_ed25519/, input.kind);
  }
});

test('the monitor list shows the registry’s description, credentials left out', async () => {
  const temp = makeTempDir();
  const store = openDatabase(temp.dir);
  const svc = new MonitoringService({
    db: store.db,
    events: new EventBus(),
    loops: new LoopRegistry(),
    registry: fakeRegistry().registry,
    logger: silentLogger,
    guard: controllableGuard().guard,
    flushEveryMs: 60_000,
  });
  try {
    const input = methods.saveMonitor.input.parse({ name: 'api', intervalSeconds: 3600, target: { kind: 'http', url: 'https://ops:s3cret@example.test/health' } });
    const saved = svc.save(input as ParsedInput<'saveMonitor'>);
    assert.equal(saved.target, 'GET https://example.test/health');
    assert.equal(svc.list().find((m) => m.id === saved.id)!.target, 'GET https://example.test/health');
  } finally {
    await svc.stop();
    store.db.close();
    temp.cleanup();
  }
});

test('main’s statuses are the contract’s, and severityRank ranks each of them once, worst first', () => {
  assert.deepEqual([...MONITOR_STATUSES], MonitorStatusSchema.options);
  const ranked = [...MONITOR_STATUSES].sort((a, b) => severityRank(a) - severityRank(b));
  assert.deepEqual(new Set(ranked.map(severityRank)).size, MONITOR_STATUSES.length);
  assert.equal(ranked[0], 'DOWN');
  assert.equal(ranked.at(-1), 'UP');
});
