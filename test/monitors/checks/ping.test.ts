import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createPingCheck, pingCheck } from '../../../main/monitors/checks/ping.ts';
import { closeServer, freePort, listen, waitFor } from '../../helpers/loopback-servers.ts';
import { runInNetns } from '../../helpers/netns.ts';
import { makeTempDir } from '../../helpers/temp-dir.ts';
import { ctx, defaultsHold, detail, holds, target, timed, withoutLeakedTimers } from './check-harness.ts';

const tmp = makeTempDir('photon-ping-');
let server: net.Server;
let openPort: number;

before(async () => {
  server = net.createServer((s) => s.destroy());
  openPort = await listen(server);
});

after(async () => {
  await closeServer(server);
  tmp.cleanup();
});

/** Our own ping children still alive (or not yet reaped), found through /proc. */
function pingChildren(): number[] {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((pid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return ppid === process.pid && stat.includes('(ping)');
    } catch {
      return false; // exited while we looked
    }
  });
}

function findOnPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} is not on PATH: install the Debian package iputils-ping (.ci/run does)`);
}

describe('ping: the real binary', () => {
  test('127.0.0.1 answers: no loss, round-trip times parsed, defaults hold', async () => {
    findOnPath('ping');
    const r = await withoutLeakedTimers(() => pingCheck.run(target('ping', { host: '127.0.0.1' }), ctx()));
    assert.equal(r.reached, true, r.message);
    assert.equal(r.evidence.method, 'icmp');
    assert.equal(r.evidence.transmitted, 3);
    assert.equal(r.evidence.received, 3);
    assert.equal(r.observation.PACKET_LOSS, 0);
    assert.equal(r.observation.CONNECTED, true);
    const [min, avg, max] = [r.evidence.rttMinMs, r.evidence.rttAvgMs, r.evidence.rttMaxMs] as number[];
    assert.ok(min! > 0 && min! <= avg! && avg! <= max!, `min/avg/max ${min}/${avg}/${max}`);
    assert.equal(r.observation.RESPONSE_TIME, avg);
    assert.equal(r.latencyMs, avg);
    assert.match(r.message, /^3\/3 replies from 127\.0\.0\.1, 0% loss, avg [\d.]+ ms$/);
    assert.ok(defaultsHold(r, pingCheck.defaultConditions));
  });

  test('a host that drops every echo request: reached false, 100% loss, and no latency (not "0 ms connected")', async () => {
    const { result: r } = await runInNetns('icmp-ignored');
    assert.equal(r.reached, false, r.message);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(r.observation.PACKET_LOSS, 100);
    assert.equal(r.observation.RESPONSE_TIME, null);
    assert.equal(r.latencyMs, null);
    assert.equal(r.evidence.transmitted, 3);
    assert.equal(r.evidence.received, 0);
    assert.equal(r.evidence.rttAvgMs, null);
    assert.equal(r.message, 'no reply from 127.0.0.1: 100% packet loss');
    assert.equal(defaultsHold(r, pingCheck.defaultConditions), false);
    assert.equal(holds(r, '[RESPONSE_TIME] < 100'), false, detail(r, '[RESPONSE_TIME] < 100'));
  });

  test('no network at all: ping\'s own reason', async () => {
    const { result: r } = await runInNetns('no-network');
    assert.equal(r.reached, false);
    assert.equal(r.message, 'ping: connect: Network is unreachable');
    assert.equal(r.evidence.method, 'icmp');
  });

  test('an unknown host: reached false with the resolver\'s message', async () => {
    const { result: r } = await runInNetns('unknown-host');
    assert.equal(r.reached, false);
    assert.match(r.message, /^ping: photon-check\.invalid: (Temporary failure in name resolution|Name or service not known)$/);
    assert.equal(r.observation.CONNECTED, false);
    assert.equal(r.latencyMs, null);
  });

  test('a run longer than the budget is stopped: timed out, and the ping process is gone', async () => {
    const { value: r, ms } = await timed(() => pingCheck.run(target('ping', { host: '127.0.0.1', count: 10 }), ctx(500)));
    assert.equal(r.reached, false);
    assert.equal(r.message, 'ping 127.0.0.1: timed out after 500 ms');
    assert.ok(ms < 900, `took ${ms} ms`);
    await waitFor('the ping child to be gone', () => pingChildren().length === 0);
  });

  test('an abort kills ping at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const { value: r, ms } = await timed(() => pingCheck.run(target('ping', { host: '127.0.0.1', count: 10 }), ctx(10_000, controller.signal)));
    assert.equal(r.message, 'ping 127.0.0.1: aborted');
    assert.ok(ms < 500, `took ${ms} ms`);
    await waitFor('the ping child to be gone', () => pingChildren().length === 0);
  });
});

describe('ping: TCP fallback', () => {
  test('no ping binary: a TCP connect stands in, and the result says so', async () => {
    const check = createPingCheck({ binary: path.join(tmp.dir, 'no-such-ping'), fallbackPorts: [openPort] });
    const r = await check.run(target('ping', { host: '127.0.0.1' }), ctx());
    assert.equal(r.reached, true, r.message);
    assert.equal(r.evidence.method, 'tcp-fallback');
    assert.equal(r.evidence.port, openPort);
    assert.match(r.message, new RegExp(`^ping unavailable \\(spawn .*no-such-ping ENOENT\\); TCP fallback: 127\\.0\\.0\\.1:${openPort} connected in [\\d.]+ ms$`));
    assert.equal(r.observation.CONNECTED, true);
    assert.equal(r.observation.PACKET_LOSS, 0);
    assert.equal(typeof r.observation.RESPONSE_TIME, 'number');
    assert.ok(defaultsHold(r, check.defaultConditions));
  });

  test('a refused port is an answer from the host; ports are tried in order', async () => {
    const closed = await freePort();
    const check = createPingCheck({ binary: path.join(tmp.dir, 'no-such-ping'), fallbackPorts: [closed, openPort] });
    const r = await check.run(target('ping', { host: '127.0.0.1' }), ctx());
    assert.equal(r.reached, true);
    assert.equal(r.evidence.port, closed);
    assert.match(r.message, /refused the connection in [\d.]+ ms$/);
  });

  test('ping without permission to open its socket falls back to TCP', async () => {
    // A copy of ping loses its file capability; run as nobody it gets EPERM, as on a locked-down host.
    const copy = path.join(tmp.dir, 'ping');
    fs.copyFileSync(findOnPath('ping'), copy);
    fs.chmodSync(copy, 0o755);
    fs.chmodSync(tmp.dir, 0o755);
    const { result: r } = await runInNetns('not-permitted', copy);
    assert.equal(r.reached, true, r.message);
    assert.equal(r.evidence.method, 'tcp-fallback');
    assert.equal(r.evidence.port, r.evidence.expectedPort);
    assert.match(String(r.evidence.reason), /^ping not permitted \(.*socket: Operation not permitted\)$/);
    assert.match(r.message, /^ping not permitted .*; TCP fallback: 127\.0\.0\.1:\d+ connected in/);
  });

  test('no answer on any fallback port within the budget: reached false', async () => {
    const { result: r, ms } = await runInNetns('fallback-black-hole');
    assert.equal(r.reached, false, r.message);
    assert.equal(r.evidence.method, 'tcp-fallback');
    assert.equal((r.evidence.failedPorts as string[]).length, 2, JSON.stringify(r.evidence));
    assert.match(r.message, /; TCP fallback: no answer from 192\.0\.2\.2 on port 22, 80 \(timed out after 600 ms\)$/);
    assert.equal(r.observation.PACKET_LOSS, 100);
    assert.ok(ms < 1_500, `took ${ms} ms`);
  });
});

test('a host that ping would read as an option is refused before running anything', async () => {
  const r = await pingCheck.run(target('ping', { host: '-f' }), ctx());
  assert.equal(r.reached, false);
  assert.equal(r.message, 'host must not start with "-": -f');
  assert.equal(pingChildren().length, 0);
});

test('describe is the host', () => {
  assert.equal(pingCheck.describe(target('ping', { host: 'vm1.internal' })), 'vm1.internal');
});
