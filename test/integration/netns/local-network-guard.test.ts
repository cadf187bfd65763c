/**
 * Acceptance: the local-network guard, with the engine on a machine of its own. The engine runs in
 * an "engine" network namespace (test/integration/netns/fixtures/engine-runner.ts: a real core, real ping, the
 * real guard reading that namespace's /proc/net/route) and pings a VM namespace over a veth. The
 * engine's own uplink is a veth pair inside its namespace carrying the default route: nothing sent
 * in either namespace can reach another machine.
 *
 * Two engines run side by side on identical topologies and see the same fault — the VM link cut —
 * and differ in one thing only: one has also lost its default route. That one must record UNKNOWN
 * "local network down" and never DOWN nor an incident; the control, with its default route, must go
 * DOWN with one incident. The difference is the guard's doing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Incident, MonitorSummary } from '../../../preload/contract.ts';
import {
  cleanStaleNetns,
  createNetns,
  createNetnsVm,
  inNetns,
  ip,
  leftovers,
  requireNetnsSupport,
  stopProcess,
  type Netns,
  type NetnsVm,
} from './netns-vm.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RUNNER = 'test/integration/netns/fixtures/engine-runner.ts';
const INTERVAL_S = 5;
const TIMEOUT_S = 3;
const FAILURE_THRESHOLD = 2;
/** Results watched after the cut: one more than it takes to go DOWN. */
const RESULTS_AFTER_CUT = FAILURE_THRESHOLD + 1;
/** When the control must be DOWN after the cut: next run ≤ 1 interval away, threshold runs, the last up to its timeout, plus one interval slack. */
const DOWN_BOUND_MS = (INTERVAL_S * (FAILURE_THRESHOLD + 1) + TIMEOUT_S) * 1000;
/** The runner watches for RESULTS_AFTER_CUT results at most this long (they need up to DOWN_BOUND_MS). */
const WATCH_MS = DOWN_BOUND_MS + INTERVAL_S * 1000;
/** Node + tsx startup in the namespace, then the first (jittered) run. */
const UP_TIMEOUT_MS = 2 * INTERVAL_S * 1000 + TIMEOUT_S * 1000;

interface Summary {
  event: 'summary';
  monitorId: number;
  cutAt: number;
  endedAt: number;
  resultsAfterCut: number;
  statusesSeen: Array<{ at: number; status: MonitorSummary['status']; reason: string }>;
  final: MonitorSummary;
  lastEvidence: { at: number; evidence: Record<string, unknown> } | null;
  results: Array<{ at: number; outcome: string; message: string }>;
  incidents: Incident[];
  localNetwork: { offline: boolean; reason: string };
  routes: string;
}

interface Topology {
  engine: Netns;
  vm: NetnsVm;
  runner: ChildProcess | null;
}

/** An engine namespace with its own uplink (default route) and a VM reached over a veth from it. */
async function buildTopology(): Promise<Topology> {
  const engine = await createNetns();
  try {
    // Both ends of the uplink live in the engine namespace: a default route that leads nowhere else.
    await ip(engine.name, 'link', 'add', 'uplink0', 'type', 'veth', 'peer', 'name', 'uplink1');
    await ip(engine.name, 'link', 'set', 'uplink1', 'up');
    await ip(engine.name, 'link', 'set', 'uplink0', 'up');
    await ip(engine.name, 'route', 'add', 'default', 'dev', 'uplink0');
    const vm = await createNetnsVm({ hostNetns: engine.name });
    return { engine, vm, runner: null };
  } catch (err) {
    await engine.destroy().catch(() => {});
    throw err;
  }
}

/**
 * Starts the engine in the topology's engine namespace, waits for its monitor to be UP, breaks the
 * network (the default route first, so that no failure is ever judged with it still there), tells
 * the engine, and returns what it saw.
 */
async function runScenario(topo: Topology, withoutDefaultRoute: boolean): Promise<Summary & { startupMs: number; cutToSummaryMs: number }> {
  const { command, args } = inNetns(topo.engine.name, process.execPath, [
    '--import',
    'tsx',
    RUNNER,
    '--target',
    topo.vm.address,
    '--interval',
    String(INTERVAL_S),
    '--timeout',
    String(TIMEOUT_S),
    '--failure-threshold',
    String(FAILURE_THRESHOLD),
    '--results-after-cut',
    String(RESULTS_AFTER_CUT),
    '--up-timeout-ms',
    String(UP_TIMEOUT_MS),
    '--max-after-cut-ms',
    String(WATCH_MS),
  ]);
  const started = Date.now();
  const child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  topo.runner = child;
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-8000)));
  const events = eventReader(child, () => stderr);

  const up = await events.next('up', UP_TIMEOUT_MS + 15_000);
  const startupMs = Date.now() - started;
  if (withoutDefaultRoute) {
    await ip(topo.engine.name, 'route', 'del', 'default');
    assert.equal((await ip(topo.engine.name, 'route', 'show', 'default')).trim(), '', 'the default route is gone');
  }
  await topo.vm.cutLink();
  const cutAt = Date.now();
  child.stdin!.write('cut\n');
  const summary = (await events.next('summary', WATCH_MS + 15_000)) as unknown as Summary;
  const cutToSummaryMs = Date.now() - cutAt;
  await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  assert.equal(child.exitCode, 0, `the engine runner exited ${child.exitCode}: ${stderr}`);
  assert.equal(summary.monitorId, up.monitorId);
  return { ...summary, startupMs, cutToSummaryMs };
}

/** The runner's JSON lines, awaited by event name; an error line, an early exit or a timeout rejects. */
function eventReader(child: ChildProcess, stderr: () => string) {
  const received: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let exited: string | null = null;
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    buffer += s;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      try {
        received.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        received.push({ event: 'error', message: `not JSON: ${line}` });
      }
    }
    waiters.splice(0).forEach((w) => w());
  });
  child.once('exit', (code, signal) => {
    exited = `exited (${code ?? signal})`;
    waiters.splice(0).forEach((w) => w());
  });
  return {
    async next(event: string, timeoutMs: number): Promise<Record<string, unknown>> {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const error = received.find((e) => e.event === 'error');
        if (error) throw new Error(`the engine runner failed: ${String(error.message)}\nstderr: ${stderr()}`);
        const found = received.find((e) => e.event === event);
        if (found) return found;
        if (exited) throw new Error(`the engine runner ${exited} before "${event}"; stderr: ${stderr()}`);
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no "${event}" from the engine runner within ${timeoutMs} ms; stderr: ${stderr()}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

function explain(s: Summary): string {
  return JSON.stringify({ final: s.final, statusesSeen: s.statusesSeen, results: s.results, incidents: s.incidents, localNetwork: s.localNetwork, routes: s.routes }, null, 2);
}

describe('the local-network guard, engine in a namespace of its own', () => {
  const topologies: Topology[] = [];
  let guarded: Promise<Awaited<ReturnType<typeof runScenario>>>;
  let control: Promise<Awaited<ReturnType<typeof runScenario>>>;

  before(async () => {
    await requireNetnsSupport();
    await cleanStaleNetns();
    for (let i = 0; i < 2; i++) topologies.push(await buildTopology());
    // Side by side: the same wait is paid once.
    guarded = runScenario(topologies[0]!, true);
    control = runScenario(topologies[1]!, false);
    // Each test awaits its own; neither may count as unhandled meanwhile.
    guarded.catch(() => {});
    control.catch(() => {});
  });

  async function teardown(): Promise<string[]> {
    const strays: string[] = [];
    for (const topo of topologies) {
      if (topo.runner) await stopProcess(topo.runner).catch(() => {});
      strays.push(...(await topo.vm.destroy()).strays);
      strays.push(...(await topo.engine.destroy()).strays);
    }
    return strays;
  }

  after(async () => {
    await Promise.allSettled([guarded, control]);
    await teardown();
  });

  test('link cut and no default route: every failure is UNKNOWN "local network down", never DOWN, no incident', async (t: TestContext) => {
    const s = await guarded;
    t.diagnostic(`engine UP ${s.startupMs} ms after spawn; ${s.resultsAfterCut} results in ${s.cutToSummaryMs} ms after the cut`);
    assert.equal(s.localNetwork.offline, true, `the engine's namespace has no default route: ${s.routes}`);
    assert.equal(s.resultsAfterCut, RESULTS_AFTER_CUT, `results after the cut: ${explain(s)}`);
    assert.equal(s.results.length, RESULTS_AFTER_CUT, explain(s));
    for (const r of s.results) {
      assert.equal(r.outcome, 'unknown', explain(s));
      assert.match(
        r.message,
        /^local network down: this machine has no default route; not counted against the target \(check said: no reply from 10\.213\.\d+\.2: 100% packet loss\)$/,
      );
    }
    assert.equal(s.final.status, 'UNKNOWN', explain(s));
    assert.match(s.final.reason, /^local network down: /);
    assert.equal(s.final.blockedBy, null);
    assert.deepEqual(s.statusesSeen.filter((x) => x.status === 'DOWN'), [], `never DOWN: ${explain(s)}`);
    assert.deepEqual(s.incidents, [], 'no incident');
  });

  test('control, same cut with the default route kept: DOWN with 100% packet loss and one incident', async (t: TestContext) => {
    const s = await control;
    t.diagnostic(`engine UP ${s.startupMs} ms after spawn; ${s.resultsAfterCut} results in ${s.cutToSummaryMs} ms after the cut`);
    assert.equal(s.localNetwork.offline, false, `the engine's namespace keeps its default route: ${s.routes}`);
    assert.equal(s.resultsAfterCut, RESULTS_AFTER_CUT, `results after the cut: ${explain(s)}`);
    for (const r of s.results) {
      assert.equal(r.outcome, 'down', explain(s));
      assert.match(r.message, /^no reply from 10\.213\.\d+\.2: 100% packet loss$/);
    }
    assert.equal(s.final.status, 'DOWN', explain(s));
    const down = s.statusesSeen.find((x) => x.status === 'DOWN' && x.at >= s.cutAt);
    assert.ok(down, explain(s));
    t.diagnostic(`DOWN ${down.at - s.cutAt} ms after the cut (bound ${DOWN_BOUND_MS} ms)`);
    assert.ok(down.at - s.cutAt <= DOWN_BOUND_MS, `DOWN ${down.at - s.cutAt} ms after the cut`);
    assert.equal(s.incidents.length, 1, explain(s));
    assert.equal(s.incidents[0]!.monitorId, s.monitorId);
    assert.equal(s.incidents[0]!.closedAt, null);
    assert.match(s.incidents[0]!.cause, /100% packet loss/);
  });

  test('nothing is left behind: no namespace, veth or child process; every process ended on its own', async () => {
    await Promise.allSettled([guarded, control]);
    const strays = await teardown();
    assert.deepEqual(strays, [], 'processes still running in the namespaces had to be killed');
    assert.deepEqual(await leftovers(topologies.map((t) => t.vm)), []);
  });
});
