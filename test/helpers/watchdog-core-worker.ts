// The worker side of watchdog-core.ts: a real test core answering dispatch requests by message.
import { parentPort, workerData } from 'node:worker_threads';
import { MemorySecretStore } from '../../main/secrets/memory-secret-store.ts';
import type { MethodName } from '../../preload/contract.ts';
import { startTestCore } from './core-harness.ts';

const port = parentPort!;
const core = startTestCore((workerData as { dataDir?: string }).dataDir, { secrets: new MemorySecretStore() });

port.on('message', (m: { id: number; method: MethodName | '__dispose'; input: unknown }) => {
  if (m.method === '__dispose') {
    void core.dispose().then(() => port.postMessage({ id: m.id, envelope: { ok: true, value: null } }));
    return;
  }
  core.dispatch(m.method, m.input as never).then(
    // Through JSON: an envelope is JSON by definition, and a clone error must not look like a hang.
    (envelope) => port.postMessage({ id: m.id, envelope: JSON.parse(JSON.stringify(envelope)) as unknown }),
    (err: unknown) => port.postMessage({ id: m.id, thrown: String(err) }),
  );
});
port.postMessage({ ready: true, notices: core.notices, dataDir: core.dataDir });
