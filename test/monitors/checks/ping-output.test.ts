import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePingOutput } from '../../../main/monitors/checks/ping-output.ts';
import { pingArgs } from '../../../main/monitors/checks/ping.ts';

// The Linux outputs were captured from iputils 20221126 on Debian 12 (the 100% loss one in a network
// namespace that ignores echo requests); the macOS, BusyBox and Windows ones are written in those
// tools' summary formats, not captured here. Remote addresses are documentation ones (192.0.2.0/24).

const LINUX_OK = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.297 ms
64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.030 ms
64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.067 ms

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 received, 0% packet loss, time 407ms
rtt min/avg/max/mdev = 0.030/0.131/0.297/0.118 ms
`;

const LINUX_PARTIAL = `PING 192.0.2.7 (192.0.2.7) 56(84) bytes of data.
64 bytes from 192.0.2.7: icmp_seq=1 ttl=57 time=21.4 ms
64 bytes from 192.0.2.7: icmp_seq=3 ttl=57 time=22.9 ms
64 bytes from 192.0.2.7: icmp_seq=5 ttl=57 time=20.8 ms

--- 192.0.2.7 ping statistics ---
5 packets transmitted, 3 received, 40% packet loss, time 812ms
rtt min/avg/max/mdev = 20.811/21.703/22.912/0.880 ms
`;

const LINUX_ALL_LOST = `PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 0 received, 100% packet loss, time 406ms

`;

const LINUX_HOST_UNREACHABLE = `PING 192.0.2.9 (192.0.2.9) 56(84) bytes of data.
From 192.0.2.1 icmp_seq=1 Destination Host Unreachable
From 192.0.2.1 icmp_seq=2 Destination Host Unreachable
From 192.0.2.1 icmp_seq=3 Destination Host Unreachable

--- 192.0.2.9 ping statistics ---
3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2041ms
pipe 3
`;

const LINUX_DUPLICATES = `--- 192.0.2.255 ping statistics ---
2 packets transmitted, 2 received, +2 duplicates, 0% packet loss, time 1001ms
rtt min/avg/max/mdev = 0.100/0.200/0.400/0.050 ms
`;

const MACOS_OK = `PING 192.0.2.7 (192.0.2.7): 56 data bytes
64 bytes from 192.0.2.7: icmp_seq=0 ttl=57 time=18.052 ms
64 bytes from 192.0.2.7: icmp_seq=1 ttl=57 time=19.204 ms
64 bytes from 192.0.2.7: icmp_seq=2 ttl=57 time=17.513 ms

--- 192.0.2.7 ping statistics ---
3 packets transmitted, 3 packets received, 0.0% packet loss
round-trip min/avg/max/stddev = 17.513/18.256/19.204/0.705 ms
`;

const MACOS_ALL_LOST = `PING 192.0.2.9 (192.0.2.9): 56 data bytes
Request timeout for icmp_seq 0
Request timeout for icmp_seq 1

--- 192.0.2.9 ping statistics ---
3 packets transmitted, 0 packets received, 100.0% packet loss
`;

const BUSYBOX_OK = `PING 127.0.0.1 (127.0.0.1): 56 data bytes
64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.055 ms
64 bytes from 127.0.0.1: seq=1 ttl=64 time=0.080 ms
64 bytes from 127.0.0.1: seq=2 ttl=64 time=0.063 ms

--- 127.0.0.1 ping statistics ---
3 packets transmitted, 3 packets received, 0% packet loss
round-trip min/avg/max = 0.055/0.066/0.080 ms
`;

const WINDOWS_OK = `
Pinging 192.0.2.7 with 32 bytes of data:
Reply from 192.0.2.7: bytes=32 time=18ms TTL=57
Reply from 192.0.2.7: bytes=32 time=17ms TTL=57
Reply from 192.0.2.7: bytes=32 time=21ms TTL=57

Ping statistics for 192.0.2.7:
    Packets: Sent = 3, Received = 3, Lost = 0 (0% loss),
Approximate round trip times in milli-seconds:
    Minimum = 17ms, Maximum = 21ms, Average = 18ms
`;

/** Windows counts a router's "Destination host unreachable" as a received reply. */
const WINDOWS_UNREACHABLE = `
Pinging 192.0.2.9 with 32 bytes of data:
Reply from 192.0.2.1: Destination host unreachable.
Reply from 192.0.2.1: Destination host unreachable.

Ping statistics for 192.0.2.9:
    Packets: Sent = 2, Received = 2, Lost = 0 (0% loss),
`;

test('Linux iputils, all replies: counts, loss and min/avg/max', () => {
  assert.deepEqual(parsePingOutput(LINUX_OK, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 3, lossPercent: 0, rttMinMs: 0.03, rttAvgMs: 0.131, rttMaxMs: 0.297 },
  });
});

test('Linux iputils, partial loss', () => {
  assert.deepEqual(parsePingOutput(LINUX_PARTIAL, ''), {
    kind: 'stats',
    stats: { transmitted: 5, received: 3, lossPercent: 40, rttMinMs: 20.811, rttAvgMs: 21.703, rttMaxMs: 22.912 },
  });
});

test('Linux iputils, 100% loss: no round-trip time at all, never 0 ms', () => {
  assert.deepEqual(parsePingOutput(LINUX_ALL_LOST, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 0, lossPercent: 100, rttMinMs: null, rttAvgMs: null, rttMaxMs: null },
  });
});

test('Linux iputils, "Destination Host Unreachable" with +N errors is 100% loss', () => {
  const out = parsePingOutput(LINUX_HOST_UNREACHABLE, '');
  assert.equal(out.kind, 'stats');
  assert.deepEqual(out.kind === 'stats' && [out.stats.received, out.stats.lossPercent, out.stats.rttAvgMs], [0, 100, null]);
});

test('Linux iputils, duplicates do not confuse the counts', () => {
  const out = parsePingOutput(LINUX_DUPLICATES, '');
  assert.deepEqual(out.kind === 'stats' && out.stats, { transmitted: 2, received: 2, lossPercent: 0, rttMinMs: 0.1, rttAvgMs: 0.2, rttMaxMs: 0.4 });
});

test('macOS: success and 100% loss', () => {
  assert.deepEqual(parsePingOutput(MACOS_OK, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 3, lossPercent: 0, rttMinMs: 17.513, rttAvgMs: 18.256, rttMaxMs: 19.204 },
  });
  assert.deepEqual(parsePingOutput(MACOS_ALL_LOST, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 0, lossPercent: 100, rttMinMs: null, rttAvgMs: null, rttMaxMs: null },
  });
});

test('BusyBox', () => {
  assert.deepEqual(parsePingOutput(BUSYBOX_OK, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 3, lossPercent: 0, rttMinMs: 0.055, rttAvgMs: 0.066, rttMaxMs: 0.08 },
  });
});

test('Windows: success, and "Destination host unreachable" is not counted as a reply', () => {
  assert.deepEqual(parsePingOutput(WINDOWS_OK, ''), {
    kind: 'stats',
    stats: { transmitted: 3, received: 3, lossPercent: 0, rttMinMs: 17, rttAvgMs: 18, rttMaxMs: 21 },
  });
  assert.deepEqual(parsePingOutput(WINDOWS_UNREACHABLE, ''), {
    kind: 'stats',
    stats: { transmitted: 2, received: 0, lossPercent: 100, rttMinMs: null, rttAvgMs: null, rttMaxMs: null },
  });
});

test('unknown hosts, in each implementation\'s words', () => {
  for (const [stdout, stderr, message] of [
    ['', 'ping: nosuch.invalid: Name or service not known\n', 'ping: nosuch.invalid: Name or service not known'],
    ['', 'ping: nosuch.invalid: Temporary failure in name resolution\n', 'ping: nosuch.invalid: Temporary failure in name resolution'],
    ['', 'ping: cannot resolve nosuch.invalid: Unknown host\n', 'ping: cannot resolve nosuch.invalid: Unknown host'],
    ['', "ping: bad address 'nosuch.invalid'\n", "ping: bad address 'nosuch.invalid'"],
    ['Ping request could not find host nosuch.invalid. Please check the name and try again.\r\n', '', 'Ping request could not find host nosuch.invalid. Please check the name and try again.'],
  ] as const) {
    assert.deepEqual(parsePingOutput(stdout, stderr), { kind: 'unknown-host', message });
  }
});

test('no permission to open the socket, in each implementation\'s words', () => {
  for (const stderr of [
    'ping: socktype: SOCK_RAW\nping: socket: Operation not permitted\nping: => missing cap_net_raw+p capability or setuid?\n',
    'ping: permission denied (are you root?)\n',
    'ping: icmp open socket: Operation not permitted\n',
    'ping: socket: Address family not supported by protocol\n',
  ]) {
    assert.equal(parsePingOutput('', stderr).kind, 'not-permitted', stderr);
  }
});

test('a local firewall dropping the probes still yields statistics, not a fallback', () => {
  const out = parsePingOutput('--- 192.0.2.7 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time 1010ms\n', 'ping: sendmsg: Operation not permitted\nping: sendmsg: Operation not permitted\n');
  assert.equal(out.kind, 'stats');
});

test('other complaints are passed on word for word', () => {
  assert.deepEqual(parsePingOutput('', 'ping: connect: Network is unreachable\n'), { kind: 'error', message: 'ping: connect: Network is unreachable' });
  assert.deepEqual(parsePingOutput('', ''), { kind: 'error', message: 'ping printed nothing' });
});

test('arguments per platform keep ping inside the time budget', () => {
  const t = { kind: 'ping' as const, host: 'db.internal', count: 3 };
  assert.deepEqual(pingArgs('linux', t, { timeoutMs: 5_000 }), ['-n', '-c', '3', '-i', '0.2', '-W', '4', 'db.internal']);
  assert.deepEqual(pingArgs('linux', t, { timeoutMs: 30_000 }), ['-n', '-c', '3', '-i', '0.2', '-W', '5', 'db.internal']);
  assert.deepEqual(pingArgs('linux', t, { timeoutMs: 1_000 }), ['-n', '-c', '3', '-i', '0.2', '-W', '1', 'db.internal']);
  // One probe a second elsewhere: 2 s of sending leaves 2 s of waiting in a 5 s budget.
  assert.deepEqual(pingArgs('darwin', t, { timeoutMs: 5_000 }), ['-n', '-c', '3', '-W', '2000', 'db.internal']);
  assert.deepEqual(pingArgs('win32', t, { timeoutMs: 5_000 }), ['-n', '3', '-w', '2000', 'db.internal']);
});
