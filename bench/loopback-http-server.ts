// The bench's target: a loopback HTTP server in its own process (so its CPU is not counted against
// the engine). Answers every path with a small JSON body. Prints its base URL, runs until killed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 15 });
  res.end('{"status":"ok"}');
});
server.keepAliveTimeout = 1000;
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
