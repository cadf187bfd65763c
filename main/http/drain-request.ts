import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How much of an unwanted request body is read and thrown away after an early answer, and for how
 * long. Past either, the connection is closed anyway: a client that sends gigabytes, or trickles
 * forever, may lose the answer, but it cannot hold the listener.
 */
export const DRAIN_LIMITS = { maxBytes: 16 * 1024 * 1024, timeoutMs: 5_000 };

/**
 * Sends `payload` (the head is already written, with Connection: close), then reads and discards
 * the rest of the request body before ending the response. Closing a socket with unread bytes
 * makes the kernel answer with a TCP reset, and a client still writing its body would then lose the
 * answer it was sent; once the body is drained, the close is a clean one.
 */
export function endAfterDraining(req: IncomingMessage, res: ServerResponse, payload: string, limits = DRAIN_LIMITS): void {
  res.write(payload);
  let discarded = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    req.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
    res.end();
  };
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) finish();
  };
  const timer = setTimeout(finish, limits.timeoutMs);
  timer.unref();
  req.on('data', onData).on('end', finish).on('error', finish).on('close', finish);
  // A client already gone sends nothing more, and its 'close' has been emitted.
  if (req.destroyed) finish();
  else req.resume();
}
