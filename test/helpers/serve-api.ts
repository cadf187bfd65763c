import path from 'node:path';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../preload/contract.ts';
import type { ServeProcess } from './serve-process.ts';

/** Where e2e tests leave screenshots and traces. */
export const E2E_OUTPUT_DIR = path.join(process.env.PHOTON_TEST_OUTPUT ?? 'test-output', 'e2e');

/** What an operator's script would do: POST /api/<method> with the printed token. Throws on a refusal. */
export async function callServe<M extends MethodName>(serve: ServeProcess, method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const res = await fetch(new URL(`api/${method}`, serve.baseUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const envelope = (await res.json()) as Envelope<MethodResult<M>>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
  return envelope.value;
}
