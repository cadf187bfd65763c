// The "VM"'s service: run by netns-vm.ts as `ip netns exec <ns> node netns-vm-http.mjs <address> <port>`.
// Answers GET /health with 200 "ok" and everything else with 404. Exits when its parent goes away
// (stdin closes) or on SIGTERM, so a crashed test run leaves no server behind.
import http from 'node:http';

const [host, port] = process.argv.slice(2);
if (!host || !port) {
  console.error('usage: netns-vm-http.mjs <address> <port>');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  const ok = req.url === '/health';
  res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(ok ? 'ok\n' : 'not found\n');
});
server.keepAliveTimeout = 1000;
server.listen(Number(port), host, () => process.stdout.write(`listening on ${host}:${port}\n`));

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
