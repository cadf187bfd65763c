import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';

export interface Dnsmasq {
  /** UDP and TCP port on 127.0.0.1. */
  port: number;
  /** "127.0.0.1:<port>", as a monitor's resolver field. */
  address: string;
  /** What dnsmasq logged (every query, with --log-queries), for assertion messages. */
  log(): string;
  stop(): Promise<void>;
}

function findDnsmasq(): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'dnsmasq');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  throw new Error('dnsmasq is not installed: install the Debian package dnsmasq-base (.ci/run does)');
}

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * A real DNS server (dnsmasq) on 127.0.0.1 serving only the records in `records` (dnsmasq options
 * such as --txt-record=…): no upstream, no /etc/hosts, no resolv.conf, so no query can leave the
 * machine; names it does not know are REFUSED. Runs in the foreground as our child, stopped by stop().
 */
export async function startDnsmasq(records: string[]): Promise<Dnsmasq> {
  const binary = findDnsmasq();
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeUdpPort();
    const child = spawn(
      binary,
      ['--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--no-poll', '--bind-interfaces',
        '--listen-address=127.0.0.1', `--port=${port}`, '--pid-file=', '--user=root', '--group=root', '--log-facility=-',
        '--log-queries', '--cache-size=0', ...records],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
    const started = await readyOrExit(child, () => output);
    if (started) {
      return { port, address: `127.0.0.1:${port}`, log: () => output, stop: () => stop(child) };
    }
    lastError = output.trim();
    // Another process took the port between our probe and dnsmasq's bind: try another.
    if (!/Address already in use/.test(output)) break;
  }
  throw new Error(`dnsmasq did not start: ${lastError}`);
}

function readyOrExit(child: ChildProcess, output: () => string): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, 5_000);
    const onData = () => {
      if (/started, version/.test(output())) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}
