import type { MethodResult, ParsedInput } from '../../preload/contract.ts';
import { methods } from '../../preload/contract.ts';
import type { Envelope } from '../../preload/contract.ts';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import { startTestCore } from '../helpers/core-harness.ts';
import { fakeRegistry } from '../helpers/fake-checks.ts';

export async function ok<T>(p: Promise<Envelope<unknown>>): Promise<T> {
  const env = await p;
  if (!env.ok) throw new Error(`call failed: ${env.error.code} ${env.error.message}`);
  return env.value as T;
}

export const monitorDef = (input: Record<string, unknown>): ParsedInput<'saveMonitor'> =>
  methods.saveMonitor.input.parse({ intervalSeconds: 3600, failureThreshold: 2, successThreshold: 1, ...input }) as ParsedInput<'saveMonitor'>;

/**
 * A real core on a temp dir with scripted checks and an in-memory vault. The alert loop's own
 * timer is slowed to an hour so the test drives ticks itself: every assertion follows a known
 * sequence of checks, flushes and ticks instead of waiting on a clock.
 */
export function startAlertCore(dataDir?: string) {
  const fake = fakeRegistry();
  const secrets = new MemorySecretStore();
  /** The alert rules' clock runs `skewMs` ahead of the engine's, to reach reminder and calm times without waiting. */
  const clock = { skewMs: 0 };
  const core = startTestCore(dataDir, { checks: fake.registry, secrets, alerts: { tickMs: 3_600_000, retryBaseMs: 1, now: () => Date.now() + clock.skewMs } });
  const call = <T>(method: string, input: unknown) => ok<T>(core.dispatch(method, input));
  const runAll = async (ids: number[], times = 1) => {
    for (let i = 0; i < times; i++) {
      for (const id of ids) {
        await core.monitoring.runNow(id);
        // Real results are never in the same millisecond; the parent rule compares result times.
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    core.monitoring.flush();
    await core.alerts.tick();
  };
  const save = async (input: Record<string, unknown>) => (await call<MethodResult<'saveMonitor'>>('saveMonitor', monitorDef(input))).id;
  return { core, fake, secrets, call, runAll, save, clock };
}
