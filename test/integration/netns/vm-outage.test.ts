/**
 * Acceptance: one dead VM is one incident, over a real link. A real core (real ping and http check
 * kinds, real scheduler, real network guard) watches a "VM" in a network namespace: a ping monitor
 * of its address and an http monitor of its /health behind it (parentId). The VM's network card is
 * then taken away and given back.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { methods, type MonitorSummary, type ParsedInput } from '../../../preload/contract.ts';
import { startTestCore } from '../../helpers/core-harness.ts';
import { cleanStaleNetns, createNetnsVm, leftovers, requireNetnsSupport, type NetnsVm } from './netns-vm.ts';

const INTERVAL_S = 5;
const TIMEOUT_S = 3;
const VM_FAILURE_THRESHOLD = 2;
const VM_SUCCESS_THRESHOLD = 1;
const HTTP_FAILURE_THRESHOLD = 2;

/**
 * Generous bound for a confirmed change after the network changes: the next run may be up to one
 * interval away, `threshold` runs one interval apart follow, the last may take its whole timeout
 * (one interval of the sum is slack).
 */
const boundMs = (threshold: number) => (INTERVAL_S * (threshold + 1) + TIMEOUT_S) * 1000;

const def = (input: Record<string, unknown>): ParsedInput<'saveMonitor'> =>
  methods.saveMonitor.input.parse({ intervalSeconds: INTERVAL_S, timeoutSeconds: TIMEOUT_S, ...input }) as ParsedInput<'saveMonitor'>;

describe('a VM outage over a real link (engine in this process, VM in a network namespace)', () => {
  let vm: NetnsVm | undefined;
  let core: ReturnType<typeof startTestCore> | undefined;
  let vmId = 0;
  let httpId = 0;
  /** Every status each monitor passed through, polled from the engine: for "never DOWN" checks and failure messages. */
  const history = new Map<number, Array<{ at: number; status: string; reason: string; blockedBy: number | null }>>();
  let poll: NodeJS.Timeout | undefined;
  let broken: string | null = null;

  const summary = (id: number): MonitorSummary => core!.monitoring.list().find((m) => m.id === id)!;
  const describeAll = () =>
    core!.monitoring
      .list()
      .map((m) => `${m.name}: ${m.status} (${m.reason})${m.blockedBy ? ` blockedBy=${m.blockedBy}` : ''}`)
      .join('; ');

  /** Polls until `check` holds; returns how long it took. */
  async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}. Now: ${describeAll()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return Date.now() - started;
  }

  /** Steps depend on each other: after one fails, the rest fail at once instead of waiting out their bounds. */
  const step = (name: string, fn: (t: TestContext) => Promise<void>) =>
    test(name, async (t) => {
      if (broken) assert.fail(`not run: an earlier step failed (${broken})`);
      try {
        await fn(t);
      } catch (err) {
        broken = name;
        throw err;
      }
    });

  before(async () => {
    await requireNetnsSupport();
    await cleanStaleNetns();
    vm = await createNetnsVm();
    core = startTestCore();
    poll = setInterval(() => {
      for (const m of core!.monitoring.list()) {
        const h = history.get(m.id) ?? [];
        const last = h.at(-1);
        if (!last || last.status !== m.status || last.reason !== m.reason) h.push({ at: Date.now(), status: m.status, reason: m.reason, blockedBy: m.blockedBy });
        history.set(m.id, h);
      }
    }, 25);
  });

  after(async () => {
    clearInterval(poll);
    // Checks stop before the VM's address goes away.
    await core?.dispose();
    await vm?.destroy();
  });

  step('a ping monitor of the VM and an http monitor behind it both come UP', async (t) => {
    vmId = core!.monitoring.save(
      def({
        name: 'vm',
        role: 'vm',
        target: { kind: 'ping', host: vm!.address },
        failureThreshold: VM_FAILURE_THRESHOLD,
        successThreshold: VM_SUCCESS_THRESHOLD,
      }),
    ).id;
    httpId = core!.monitoring.save(
      def({ name: 'vm health', role: 'api', target: { kind: 'http', url: vm!.healthUrl }, parentId: vmId, failureThreshold: HTTP_FAILURE_THRESHOLD }),
    ).id;
    // First runs are spread over the first interval.
    const ms = await waitUntil('both monitors UP', () => summary(vmId).status === 'UP' && summary(httpId).status === 'UP', INTERVAL_S * 1000 + boundMs(1));
    t.diagnostic(`both UP after ${ms} ms`);
    assert.match(summary(vmId).reason, /^3\/3 replies from 10\.213\.\d+\.2, 0% loss/);
    assert.match(summary(httpId).reason, /^HTTP 200 in [\d.]+ ms$/);
  });

  step('link cut: the VM is DOWN with 100% packet loss, its http endpoint UNKNOWN "blocked by parent", exactly one incident', async (t) => {
    await vm!.cutLink();
    const cutAt = Date.now();
    const bound = boundMs(Math.max(VM_FAILURE_THRESHOLD, HTTP_FAILURE_THRESHOLD));
    const ms = await waitUntil(
      'the VM DOWN and its http monitor blocked by it',
      () => summary(vmId).status === 'DOWN' && summary(httpId).status === 'UNKNOWN' && summary(httpId).blockedBy === vmId,
      bound,
    );
    t.diagnostic(`VM DOWN and http blocked ${ms} ms after the cut (bound ${bound} ms)`);

    const vmNow = summary(vmId);
    assert.equal(vmNow.reason, `no reply from ${vm!.address}: 100% packet loss`);
    const evidence = core!.monitoring.get(vmId).lastEvidence?.evidence;
    assert.equal(evidence?.method, 'icmp', JSON.stringify(evidence));
    assert.equal(evidence?.lossPercent, 100);
    assert.equal(evidence?.received, 0);
    assert.equal(evidence?.rttAvgMs, null);

    const httpNow = summary(httpId);
    assert.equal(httpNow.status, 'UNKNOWN');
    assert.equal(httpNow.blockedBy, vmId);
    assert.equal(httpNow.reason, 'blocked by parent vm');
    const httpSince = (history.get(httpId) ?? []).filter((h) => h.at >= cutAt);
    assert.ok(
      httpSince.every((h) => h.status !== 'DOWN'),
      `the http monitor must never be DOWN while its VM is: ${JSON.stringify(httpSince)}`,
    );

    core!.monitoring.flush();
    const incidents = core!.monitoring.incidents(undefined, 50);
    assert.equal(incidents.length, 1, `exactly one incident: ${JSON.stringify(incidents)}`);
    assert.equal(incidents[0]!.monitorId, vmId);
    assert.equal(incidents[0]!.closedAt, null);
    assert.match(incidents[0]!.cause, /100% packet loss/);
  });

  step('link restored: both recover to UP and the incident is closed', async (t) => {
    await vm!.restoreLink();
    const bound = boundMs(VM_SUCCESS_THRESHOLD);
    const ms = await waitUntil('both monitors UP again', () => summary(vmId).status === 'UP' && summary(httpId).status === 'UP', bound);
    t.diagnostic(`both UP ${ms} ms after the link came back (bound ${bound} ms)`);
    assert.equal(summary(httpId).blockedBy, null);

    core!.monitoring.flush();
    const incidents = core!.monitoring.incidents(undefined, 50);
    assert.equal(incidents.length, 1, `still exactly one incident: ${JSON.stringify(incidents)}`);
    const [incident] = incidents;
    assert.equal(incident!.monitorId, vmId);
    assert.ok(incident!.closedAt !== null && incident!.closedAt >= incident!.openedAt, `closed: ${JSON.stringify(incident)}`);
    assert.deepEqual(
      incident!.events.map((e) => `${e.from}→${e.to}`),
      ['PENDING→DOWN', 'DOWN→UP'],
    );
  });

  test('nothing is left behind: no namespace, veth, route or child process', async () => {
    clearInterval(poll);
    await core?.dispose();
    const { strays } = (await vm?.destroy()) ?? { strays: [] };
    assert.deepEqual(strays, [], 'every process in the VM stopped on its own');
    assert.deepEqual(await leftovers(vm ? [vm] : []), []);
  });
});
