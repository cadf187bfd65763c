import { METHOD_NAMES, type EventName, type EventPayload, type MethodName, type MonitorSummary, type Project } from '../../preload/contract.ts';
import { ObservableValue } from '../../renderer/api/observable-value.ts';
import type { ConnectionState, PhotonClient } from '../../renderer/api/types.ts';

/** A PhotonClient whose calls are answered by the test and whose events the test emits. */
export function fakeClient(handlers: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>>) {
  const calls: { method: MethodName; input: unknown }[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connection = new ObservableValue<ConnectionState>('connecting');
  const method = (name: MethodName) => (input: unknown) => {
    calls.push({ method: name, input });
    const handler = handlers[name];
    return handler ? handler(input) : Promise.reject(new Error(`unexpected call to ${name}`));
  };
  const client = {
    ...Object.fromEntries(METHOD_NAMES.map((name) => [name, method(name)])),
    transport: 'http',
    subscribe(event: EventName, listener: (p: never) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    onConnectionChange: (l: (s: ConnectionState) => void) => connection.observe(l),
  } as unknown as PhotonClient;
  return {
    client,
    calls,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      listeners.get(event)?.forEach((l) => l(payload));
    },
    setConnection: (s: ConnectionState) => connection.set(s),
  };
}

export const projectNamed = (name: string): Project => ({
  id: `id-${name}`,
  name,
  repoPath: null,
  notes: '',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

/** A promise the test resolves when it chooses, to order answers against events. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A monitor summary with plausible defaults; tests override what they look at. */
export function monitorNamed(id: number, name: string, over: Partial<MonitorSummary> = {}): MonitorSummary {
  return {
    id,
    projectId: null,
    name,
    kind: 'tcp',
    target: `127.0.0.1:${1000 + id}`,
    role: 'other',
    parentId: null,
    status: 'UP',
    statusSince: 1_000,
    reason: 'connected',
    blockedBy: null,
    paused: false,
    intervalSeconds: 60,
    lastCheckedAt: 1_000,
    lastLatencyMs: 1,
    lastMetric: null,
    source: { type: 'ui' },
    last24h: null,
    ...over,
  };
}
