import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { MonitorSummary, ParsedInput } from '../../preload/contract.ts';
import { methods } from '../../preload/contract.ts';
import { EventBus } from '../../main/core/event-bus.ts';
import { silentLogger } from '../../main/core/logger.ts';
import { LoopRegistry } from '../../main/loops/loop-registry.ts';
import { MonitoringService } from '../../main/monitors/monitoring-service.ts';
import { openDatabase, type OpenedDatabase } from '../../main/store/open-database.ts';
import { controllableGuard, fakeRegistry, up } from '../helpers/fake-checks.ts';
import { waitFor } from '../helpers/loopback-servers.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const def = (input: Record<string, unknown>): ParsedInput<'saveMonitor'> =>
  methods.saveMonitor.input.parse({ intervalSeconds: 3600, ...input }) as ParsedInput<'saveMonitor'>;

/**
 * Shown only once stored: a scheduled result waits in the writer's batch, and until that batch's
 * transaction commits nothing the API, the events or /metrics read may show it — a crash in between
 * would otherwise take back a result the operator already saw.
 */
describe('results are shown only after their batch committed', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: OpenedDatabase;
  let loops: LoopRegistry;
  let fake: ReturnType<typeof fakeRegistry>;
  let svc: MonitoringService;
  let updates: MonitorSummary[];

  beforeEach(() => {
    temp = makeTempDir();
    store = openDatabase(temp.dir);
    const events = new EventBus();
    updates = [];
    events.onAny((name, payload) => {
      if (name === 'monitorsUpdated') updates.push(...(payload as { monitors: MonitorSummary[] }).monitors);
    });
    fake = fakeRegistry();
    loops = new LoopRegistry();
    // random 0: a new monitor's first run is due at once; the batch is flushed only when the test says so.
    svc = new MonitoringService({ db: store.db, events, loops, registry: fake.registry, logger: silentLogger, guard: controllableGuard().guard, random: () => 0, flushEveryMs: 3_600_000 });
    svc.start();
  });
  afterEach(async () => {
    await svc.stop();
    store.db.close();
    temp.cleanup();
  });

  const checksRun = () => loops.list().find((l) => l.name === 'checks')!.runs;
  const shown = (id: number) => {
    const detail = svc.get(id);
    const listed = svc.list().find((m) => m.id === id)!;
    const snap = svc.snapshot().find((m) => m.record.id === id)!;
    return { status: detail.summary.status, listed: listed.lastCheckedAt, evidence: detail.lastEvidence, results: detail.recentResults.length, snapshot: snap.state?.lastAt ?? null };
  };

  async function scheduledResult(): Promise<number> {
    fake.set('api.test', up(12));
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 443 } }));
    updates.length = 0;
    await waitFor('the scheduled check', () => checksRun() >= 1);
    return m.id;
  }

  test('a scheduled result is not shown or announced before the flush; after it, everywhere at once', async () => {
    const id = await scheduledResult();
    assert.deepEqual(shown(id), { status: 'PENDING', listed: null, evidence: null, results: 0, snapshot: null });
    assert.deepEqual(updates, [], 'nothing announced before the commit');

    svc.flush();
    const after = shown(id);
    assert.equal(after.status, 'UP');
    assert.equal(after.results, 1);
    assert.ok(after.listed !== null && after.listed === after.snapshot && after.listed === after.evidence?.at);
    assert.equal(updates.length, 1);
    assert.equal((updates as MonitorSummary[])[0]!.lastCheckedAt, after.listed);
  });

  test('a refused write shows nothing and announces nothing; the retry that stores it shows it', async () => {
    const id = await scheduledResult();
    const side = new Database(`${temp.dir}/photon.db`);
    side.exec("CREATE TRIGGER refuse BEFORE INSERT ON result_blocks BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    assert.throws(() => svc.flush(), /disk full/);
    assert.deepEqual(shown(id), { status: 'PENDING', listed: null, evidence: null, results: 0, snapshot: null }, 'state not advanced past the database');
    assert.deepEqual(updates, []);
    side.exec('DROP TRIGGER refuse');
    side.close();

    svc.flush();
    assert.equal(shown(id).status, 'UP');
    assert.equal(shown(id).results, 1);
    assert.equal(updates.length, 1);
  });

  test('runNow commits its result: whoever asked for it reads it stored', async () => {
    fake.set('api.test', up(7));
    const m = svc.save(def({ name: 'api', target: { kind: 'tcp', host: 'api.test', port: 443 } }));
    await svc.runNow(m.id);
    const after = shown(m.id);
    assert.equal(after.status, 'UP');
    assert.ok(after.results >= 1, 'in the stored history');
  });
});
