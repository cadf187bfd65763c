import type { MonitorTarget } from '../../preload/contract.ts';
import type { CheckKind, CheckResult } from '../../main/monitors/checks/check-kind.ts';
import type { CheckRegistry } from '../../main/monitors/compile-monitor.ts';
import { NetworkGuard } from '../../main/monitors/network-guard.ts';

/**
 * A check registry whose every kind answers what the test scripted for the target's host. It lets
 * engine tests drive thresholds, dependencies and storage deterministically; the real kinds have
 * their own tests against real servers.
 */
export function fakeRegistry() {
  const scripted = new Map<string, CheckResult>();
  const calls: string[] = [];
  const hostOf = (t: MonitorTarget) => ('host' in t ? t.host : t.kind === 'http' ? new URL(t.url).hostname : t.query);
  const kind = <K extends MonitorTarget['kind']>(k: K): CheckKind<K> => ({
    kind: k,
    defaultConditions: ['[CONNECTED] == true'],
    describe: (t) => hostOf(t),
    run: async (t) => {
      const host = hostOf(t);
      calls.push(host);
      return scripted.get(host) ?? down(`${host}: nothing scripted`);
    },
  });
  const registry = Object.fromEntries(
    (['ping', 'tcp', 'http', 'tls', 'dns', 'ssh', 'postgres', 'sqlite-over-ssh'] as const).map((k) => [k, kind(k)]),
  ) as unknown as CheckRegistry;
  return {
    registry,
    calls,
    set: (host: string, result: CheckResult) => scripted.set(host, result),
  };
}

export const up = (latencyMs = 12, extra: Partial<CheckResult['observation']> = {}): CheckResult => ({
  reached: true,
  latencyMs,
  message: `ok in ${latencyMs} ms`,
  observation: { CONNECTED: true, RESPONSE_TIME: latencyMs, STATUS: 200, ...extra },
  evidence: { latencyMs },
});

export const down = (message = 'connect ECONNREFUSED'): CheckResult => ({
  reached: false,
  latencyMs: null,
  message,
  observation: { CONNECTED: false },
  evidence: { error: message },
});

/** A guard whose answer the test controls, with no caching. */
export function controllableGuard() {
  const state = { offline: false };
  const guard = new NetworkGuard(
    () => (state.offline ? { offline: true, reason: 'local network down: test switched it off' } : { offline: false, reason: 'ok' }),
    { wall: () => Date.now(), mono: () => performance.now() },
    0,
  );
  return { guard, state };
}
