import type { ServerResponse } from 'node:http';
import type { EventBus } from '../core/event-bus.ts';

const KEEPALIVE_MS = 25_000;
/** A client this far behind is not reading: drop it (it reconnects and re-reads) rather than buffer without end. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Server-sent events: every core event goes to the client as `event: <name>` + JSON data. */
export function openEventStream(res: ServerResponse, events: EventBus): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(': connected\n\n');
  const unsubscribe = events.onAny((name, payload) => {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  // A comment line keeps proxies and idle sockets from closing a quiet stream.
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();
  res.on('close', () => {
    clearInterval(keepalive);
    unsubscribe();
  });
}
