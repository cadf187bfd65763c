import { execFileSync } from 'node:child_process';
import type { ContractErrorShape, EventPayload, MethodInput, MethodName, MethodResult } from '../../preload/contract.ts';
import type { Core } from '../../main/app/create-core.ts';

/** Calls a contract method through the dispatcher (what IPC and HTTP do) and unwraps the envelope. */
export async function call<M extends MethodName>(core: Pick<Core, 'dispatch'>, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const envelope = await core.dispatch(method, input);
  if (!envelope.ok) throw Object.assign(new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`), { shape: envelope.error });
  return envelope.value as MethodResult<M>;
}

/** The error envelope of a call that must fail. */
export async function callError(core: Pick<Core, 'dispatch'>, method: MethodName, input: unknown): Promise<ContractErrorShape> {
  const envelope = await core.dispatch(method, input);
  if (envelope.ok) throw new Error(`${method} was expected to fail but returned ${JSON.stringify(envelope.value).slice(0, 300)}`);
  return envelope.error;
}

/** Collects run output events so a test can see what the UI would have streamed. */
export function recordRunOutput(core: Pick<Core, 'events'>): {
  text(runId: number): string;
  stdout(runId: number): string;
  streams(runId: number): Set<string>;
  stop(): void;
} {
  const chunks: EventPayload<'runOutput'>['chunks'] = [];
  const stop = core.events.onAny((event, payload) => {
    if (event === 'runOutput') chunks.push(...(payload as EventPayload<'runOutput'>).chunks);
  });
  return {
    text: (runId) =>
      chunks
        .filter((c) => c.runId === runId)
        .map((c) => c.text)
        .join(''),
    stdout: (runId) =>
      chunks
        .filter((c) => c.runId === runId && c.stream === 'stdout')
        .map((c) => c.text)
        .join(''),
    streams: (runId) => new Set(chunks.filter((c) => c.runId === runId).map((c) => c.stream)),
    stop,
  };
}

/** Processes whose command line contains `needle` (this process's own pgrep excluded). */
export function processesMatching(needle: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', needle], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
