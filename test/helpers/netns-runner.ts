/**
 * Runs one check inside a private network namespace and prints its CheckResult as JSON. Started by
 * netns.ts as `unshare --net -- node --import tsx netns-runner.ts <scenario> [arg]`: the namespace
 * starts with only a loopback interface that is down, so nothing sent here can leave the machine.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { createPingCheck, pingCheck } from '../../main/monitors/checks/ping.ts';
import { tcpCheck } from '../../main/monitors/checks/tcp.ts';
import type { CheckResult } from '../../main/monitors/checks/check-kind.ts';

const run = promisify(execFile);
const ctx = (timeoutMs: number) => ({ signal: new AbortController().signal, timeoutMs });
/** An address on a veth whose other end is down: packets to its neighbour vanish (until ARP gives up after ~3 s). */
const BLACK_HOLE = '192.0.2.2';

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

async function loopbackUp(): Promise<void> {
  await ip('link', 'set', 'lo', 'up');
}

async function blackHoleRoute(): Promise<void> {
  await loopbackUp();
  await ip('link', 'add', 'photon0', 'type', 'veth', 'peer', 'name', 'photon1');
  await ip('addr', 'add', '192.0.2.1/24', 'dev', 'photon0');
  await ip('link', 'set', 'photon0', 'up');
}

async function listenLoopback(): Promise<net.Server> {
  const server = net.createServer((s) => s.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

const scenarios: Record<string, (arg: string | undefined) => Promise<CheckResult>> = {
  /** The host is up but drops every echo request: ping's real "100% packet loss". */
  async 'icmp-ignored'() {
    await loopbackUp();
    fs.writeFileSync('/proc/sys/net/ipv4/icmp_echo_ignore_all', '1');
    // A 2 s budget makes ping wait 1 s for late replies (see pingArgs).
    return pingCheck.run({ kind: 'ping', host: '127.0.0.1', count: 3 }, ctx(2_000));
  },
  /** Not even loopback is up: ping cannot send at all. */
  async 'no-network'() {
    return pingCheck.run({ kind: 'ping', host: '127.0.0.1', count: 2 }, ctx(5_000));
  },
  /** The resolver is unreachable from here, so the name cannot resolve (and no query leaves). */
  async 'unknown-host'() {
    await loopbackUp();
    return pingCheck.run({ kind: 'ping', host: 'photon-check.invalid', count: 2 }, ctx(5_000));
  },
  /**
   * A ping binary without its capability, run as nobody, in a namespace that grants no ICMP sockets
   * to anyone: the real "socket: Operation not permitted". The check falls back to TCP.
   */
  async 'not-permitted'(binary) {
    await loopbackUp();
    fs.writeFileSync('/proc/sys/net/ipv4/ping_group_range', '1\t0');
    const server = await listenLoopback();
    process.setgid!('nogroup');
    process.setuid!('nobody');
    const port = (server.address() as net.AddressInfo).port;
    const result = await createPingCheck({ binary, fallbackPorts: [port] }).run({ kind: 'ping', host: '127.0.0.1', count: 2 }, ctx(5_000));
    server.close();
    return { ...result, evidence: { ...result.evidence, expectedPort: port } };
  },
  /** A TCP connect whose SYN goes nowhere. */
  async 'tcp-black-hole'() {
    await blackHoleRoute();
    return tcpCheck.run({ kind: 'tcp', host: BLACK_HOLE, port: 80 }, ctx(300));
  },
  /** No ping, and no answer on any fallback port either. */
  async 'fallback-black-hole'() {
    await blackHoleRoute();
    return createPingCheck({ binary: '/nonexistent/ping', fallbackPorts: [22, 80] }).run({ kind: 'ping', host: BLACK_HOLE, count: 1 }, ctx(600));
  },
};

const [scenario, arg] = process.argv.slice(2);
const fn = scenario ? scenarios[scenario] : undefined;
if (!fn) {
  console.error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const started = performance.now();
const result = await fn(arg);
process.stdout.write(JSON.stringify({ result, ms: performance.now() - started }));
