import { Worker } from 'node:worker_threads';
import type { Envelope, MethodName } from '../../preload/contract.ts';

/** Generous: the question is "did it answer at all", never how fast. */
export const ANSWER_DEADLINE_MS = 10_000;

export interface WatchdogCore {
  notices: string[];
  dataDir: string;
  /** Resolves to the envelope, or rejects naming the method when no answer came by the deadline. */
  call(method: MethodName, input: unknown, deadlineMs?: number): Promise<Envelope<unknown>>;
  dispose(): Promise<void>;
}

/**
 * A real test core (startTestCore) in a worker thread. A call that never returns — a regex
 * backtracking forever blocks its thread — cannot be noticed by a timer on the same thread; from
 * here the timer still fires, the worker is terminated and the test fails with the method's name.
 */
export async function startWatchdogCore(dataDir?: string): Promise<WatchdogCore> {
  const entry = new URL('./watchdog-core-worker.ts', import.meta.url).href;
  // Workers do not inherit the --import tsx hooks for their entry file; load it through tsx's API.
  const worker = new Worker(`import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`, {
    eval: true,
    workerData: { dataDir },
  });
  const pending = new Map<number, { resolve: (e: Envelope<unknown>) => void; reject: (err: Error) => void }>();
  let dead: Error | null = null;
  const fail = (err: Error) => {
    dead ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the core worker exited (code ${code})`)));
  const ready = await new Promise<{ notices: string[]; dataDir: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.on('message', (m: { id: number; envelope?: Envelope<unknown>; thrown?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.envelope) p?.resolve(m.envelope);
    else p?.reject(new Error(`dispatch threw instead of answering with an envelope: ${m.thrown}`));
  });
  let next = 0;
  const send = (method: string, input: unknown, deadlineMs: number): Promise<Envelope<unknown>> => {
    if (dead) return Promise.reject(dead);
    const id = ++next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} did not answer within ${deadlineMs / 1000} s`));
        void worker.terminate();
      }, deadlineMs);
      const settle = <T>(f: (v: T) => void) => (v: T) => {
        clearTimeout(timer);
        f(v);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ id, method, input });
    });
  };
  return {
    ...ready,
    call: (method, input, deadlineMs = ANSWER_DEADLINE_MS) => send(method, input, deadlineMs),
    dispose: async () => {
      if (!dead) await send('__dispose', null, ANSWER_DEADLINE_MS).catch(() => undefined);
      await worker.terminate();
    },
  };
}
