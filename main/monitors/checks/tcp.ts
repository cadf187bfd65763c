import type { CheckKind } from './check-kind.ts';
import { startDeadline } from './deadline.ts';
import { hostPort, tcpConnect } from './tcp-connect.ts';

/** A TCP connect and nothing more: is something listening, and how long does the handshake take. */
export const tcpCheck: CheckKind<'tcp'> = {
  kind: 'tcp',
  defaultConditions: ['[CONNECTED] == true'],
  describe: (target) => hostPort(target.host, target.port),
  async run(target, ctx) {
    const deadline = startDeadline(ctx);
    try {
      const where = hostPort(target.host, target.port);
      const attempt = await tcpConnect(target.host, target.port, deadline.signal, () => deadline.reason);
      if (attempt.connected) {
        return {
          reached: true,
          latencyMs: attempt.ms,
          message: `connected to ${where} in ${attempt.ms} ms`,
          observation: { CONNECTED: true, RESPONSE_TIME: attempt.ms },
          evidence: { connected: true, connectMs: attempt.ms, remoteAddress: attempt.remoteAddress },
        };
      }
      return {
        reached: false,
        latencyMs: null,
        message: attempt.code === 'ABORT_ERR' ? `${where}: ${attempt.error}` : attempt.error,
        observation: { CONNECTED: false, RESPONSE_TIME: null },
        evidence: { connected: false, error: attempt.error, code: attempt.code ?? null },
      };
    } finally {
      deadline.dispose();
    }
  },
};
