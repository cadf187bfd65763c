import dgram from 'node:dgram';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Starts listening on 127.0.0.1 (port 0: the OS picks) and resolves to the port. */
export async function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes a server and every connection still open on it, so after() never hangs. */
export async function closeServer(server: net.Server | http.Server): Promise<void> {
  if (!server.listening) return;
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  (server as http.Server).closeAllConnections?.();
  await done;
}

/** A port that nothing listens on right now (bound, read, released). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  const port = await listen(probe);
  await closeServer(probe);
  return port;
}

export function openConnections(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A TCP server that accepts connections and never says a word: what a hung HTTP, TLS or Postgres
 * server looks like from the client. Keeps the sockets so a test can see that the client hung up.
 */
export async function startSilentServer(): Promise<{ server: net.Server; port: number; accepted: () => number; open: () => Promise<number> }> {
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    socket.on('error', () => {});
    // Read (and drop) what arrives, or the client's FIN is never seen and the socket stays open.
    socket.resume();
  });
  const port = await listen(server);
  return { server, port, accepted: () => accepted, open: () => openConnections(server) };
}

/** A UDP port that receives and never answers: a DNS resolver that is down without saying so. */
export async function startBlackHoleUdp(): Promise<{ port: number; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const socket = dgram.createSocket('udp4');
  socket.on('message', () => received++);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return {
    port: socket.address().port,
    received: () => received,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** Handles of these types that are alive now (sockets, timers, child processes…), for leak checks. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/**
 * An HTTP server whose 200 answer never ends (64 KiB chunks as fast as the client reads): a reader
 * must stop at its own limit instead of waiting for the end. `onRequest` sees each request first.
 */
export function endlessAnswerServer(contentType: string, onRequest: () => void = () => {}): http.Server {
  return http.createServer((req, res) => {
    onRequest();
    req.resume();
    res.writeHead(200, { 'Content-Type': contentType });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (res.write(chunk));
      res.once('drain', pump);
    };
    pump();
    req.socket.on('close', () => res.destroy());
  });
}
