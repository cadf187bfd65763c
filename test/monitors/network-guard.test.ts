import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { probeLocalNetwork } from '../../main/monitors/network-guard.ts';
import { makeTempDir } from '../helpers/temp-dir.ts';

const HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';
const row = (dest: string, mask: string) => `eth0\t${dest}\t0101A8C0\t0003\t0\t0\t100\t${mask}\t0\t0\t0\n`;
const INTERFACE_REASONS = /network interface is up|no network interface is up/;

test('route tables: a default route says online; none says offline; IPv6 switched off (no file) is no table', (t) => {
  const { dir, cleanup } = makeTempDir('photon-routes-');
  t.after(cleanup);
  const v4 = path.join(dir, 'route');
  const v6 = path.join(dir, 'absent-ipv6_route');
  fs.writeFileSync(v4, HEADER + row('0000A8C0', '00FFFFFF') + row('00000000', '00000000'));
  assert.deepEqual(probeLocalNetwork({ v4, v6, maxBytes: 1024 }), { offline: false, reason: 'default route present' });
  fs.writeFileSync(v4, HEADER + row('0000A8C0', '00FFFFFF'));
  assert.deepEqual(probeLocalNetwork({ v4, v6, maxBytes: 1024 }), { offline: true, reason: 'local network down: this machine has no default route' });
});

test('a route table too large to read whole is unknown, never "no default route": the interfaces decide', (t) => {
  const { dir, cleanup } = makeTempDir('photon-routes-');
  t.after(cleanup);
  const v4 = path.join(dir, 'route');
  const v6 = path.join(dir, 'ipv6_route');
  // Thousands of rows (a BGP node) and the default route last, past the cap.
  fs.writeFileSync(v4, HEADER + row('0000A8C0', '00FFFFFF').repeat(100) + row('00000000', '00000000'));
  fs.writeFileSync(v6, '');
  const status = probeLocalNetwork({ v4, v6, maxBytes: 1024 });
  assert.doesNotMatch(status.reason, /no default route/);
  assert.match(status.reason, INTERFACE_REASONS);
});
