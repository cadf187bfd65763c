import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { hostReportScript, NO_SYSTEMCTL } from '../../main/ssh/host-metrics.ts';
import {
  parseCpuCount,
  parseDf,
  parseHostReport,
  parseLoadavg,
  parseMeminfo,
  parseMounts,
  parseUnitState,
  parseUptime,
} from '../../main/ssh/host-metrics-parse.ts';
import { runScript } from '../../main/ssh/run-command.ts';
import { sshdSession } from './ssh-test-utils.ts';

// ── Parsers, on text a host might send ──────────────────────────────────────────────────────────

const GARBAGE = [
  '',
  '\n\n\n',
  'garbage',
  '\u0000\u0001\uFFFD'.repeat(1000),
  'x'.repeat(1_000_000),
  'NaN NaN NaN',
  '-1 -2 -3 1/1 1',
  '1e999 1 1',
  'MemTotal: 0 kB\nMemAvailable: 5 kB',
  'MemTotal: abc kB',
  '@@photon:df\n@@photon:df\n',
  Array.from({ length: 20_000 }, (_, i) => `/dev/x${i} 100 50 50 50% /m${i}`).join('\n'),
];

test('every parser survives garbage without throwing and without inventing numbers', () => {
  for (const g of GARBAGE) {
    assert.equal(parseLoadavg(g), null, `load from ${JSON.stringify(g.slice(0, 30))}`);
    assert.equal(parseMeminfo(g), null);
    assert.equal(parseCpuCount(g), null);
    assert.equal(parseUptime(g), null);
    assert.ok(parseDf(g).length <= 30, 'disks are capped');
    parseMounts(g);
    parseUnitState(g.split('\n'));
    const report = parseHostReport(g, ['nginx.service']);
    assert.equal(report.units['nginx.service'], 'unknown (no answer)');
  }
});

test('loadavg, cpu count and uptime parse the real formats', () => {
  assert.deepEqual(parseLoadavg('0.46 1.03 0.81 1/83 26132\n'), { load1: 0.46, load5: 1.03, load15: 0.81 });
  assert.equal(parseCpuCount('8\n'), 8);
  assert.equal(parseCpuCount('0'), null);
  assert.equal(parseCpuCount('2.5'), null);
  assert.equal(parseUptime('1405.24 2085.56\n'), 1405);
});

test('memory used is 1 - MemAvailable/MemTotal, with an estimate on kernels without MemAvailable', () => {
  assert.deepEqual(parseMeminfo('MemTotal:       1000 kB\nMemFree:   100 kB\nMemAvailable:    250 kB\nCached: 1 kB\n'), {
    totalKb: 1000,
    availableKb: 250,
    usedPercent: 75,
  });
  assert.deepEqual(parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 150 kB\n'), {
    totalKb: 1000,
    availableKb: 300,
    usedPercent: 70,
  });
  // A host claiming more available than total is clamped, not reported as negative use.
  assert.equal(parseMeminfo('MemTotal: 100 kB\nMemAvailable: 500 kB')?.usedPercent, 0);
});

const PROC_MOUNTS = [
  '/dev/vda1 / ext4 rw,relatime 0 0',
  'overlay /var/lib/docker/overlay2/abc/merged overlay rw 0 0',
  'tmpfs /run tmpfs rw 0 0',
  '/dev/loop3 /snap/core/1 squashfs ro 0 0',
  '/dev/vdb1 /srv/my\\040data ext4 rw 0 0',
  'server:/export /mnt/nfs nfs4 rw 0 0',
].join('\n');

const DF = [
  'Filesystem     1024-blocks      Used Available Capacity Mounted on',
  '/dev/vda1        264212084  24103432  82287480      23% /',
  'overlay          264212084  24103432  82287480      23% /var/lib/docker/overlay2/abc/merged',
  'tmpfs              2468408       100   2468308       1% /run',
  '/dev/loop3           56320     56320         0     100% /snap/core/1',
  '/dev/vdb1          1000000    950000     50000      95% /srv/my data',
  'server:/export     2000000         0   2000000       0% /mnt/nfs',
  'weird line that is not df',
  'zero                     0         0         0        - /zero',
].join('\n');

test('df keeps real filesystems (spaces in mount points included) and drops pseudo ones', () => {
  const disks = parseDf(DF, parseMounts(PROC_MOUNTS));
  assert.deepEqual(
    disks.map((d) => [d.mount, d.fsType, d.usedPercent]),
    [
      ['/', 'ext4', 22.7],
      ['/srv/my data', 'ext4', 95],
      ['/mnt/nfs', 'nfs4', 0],
    ],
  );
  assert.deepEqual(disks[0], {
    mount: '/',
    filesystem: '/dev/vda1',
    fsType: 'ext4',
    sizeKb: 264212084,
    usedKb: 24103432,
    availableKb: 82287480,
    usedPercent: 22.7,
  });
  // Without /proc/mounts (not Linux) the device and mount names decide.
  assert.deepEqual(
    parseDf(DF).map((d) => d.mount),
    ['/', '/srv/my data', '/mnt/nfs'],
  );
});

test('unit states: a state word, systemctl missing, systemd not running, silence', () => {
  assert.equal(parseUnitState(['active']), 'active');
  assert.equal(parseUnitState(['failed']), 'failed');
  assert.equal(parseUnitState([NO_SYSTEMCTL]), 'unknown (systemctl not found)');
  assert.deepEqual(parseHostReport(`@@photon:unit\nnginx\n${NO_SYSTEMCTL}\n@@photon:end\n`, ['nginx']).units, { nginx: 'unknown (systemctl not found)' });
  assert.equal(
    parseUnitState(['System has not been booted with systemd as init system (PID 1). Can\'t operate.', 'Failed to connect to bus: Host is down']),
    "unknown (System has not been booted with systemd as init system (PID 1). Can't operate.)",
  );
  assert.equal(parseUnitState([]), 'unknown (no answer from systemctl)');
  assert.match(parseUnitState(['y'.repeat(5_000)]), /^unknown \(y+…\)$/);
});

test('a report lists exactly the requested units; a host cannot add, rename or shadow keys', () => {
  const text = [
    '@@photon:unit',
    'nginx.service',
    'active',
    '@@photon:unit',
    'evil.service',
    'active',
    '@@photon:unit',
    'nginx.service',
    'failed',
    '@@photon:unit',
    '__proto__',
    'active',
  ].join('\n');
  const report = parseHostReport(text, ['nginx.service', '__proto__', 'db.service']);
  assert.deepEqual(Object.keys(report.units), ['nginx.service', '__proto__', 'db.service']);
  assert.equal(report.units['nginx.service'], 'active', 'the first answer counts');
  assert.equal(report.units['db.service'], 'unknown (no answer)');
  assert.equal(Object.getPrototypeOf(report.units), Object.prototype);
  assert.equal(JSON.parse(JSON.stringify(report.units)).__proto__, 'active');
});

// ── The real host, through the real sshd ────────────────────────────────────────────────────────

const ssh = sshdSession();

test('the report of this machine, collected over SSH in one command, matches what Node sees locally', async () => {
  const r = await runScript(ssh.conn, hostReportScript({ metrics: true, units: [] }), { timeoutMs: 15_000 });
  assert.equal(r.exitCode, 0, r.stderr);
  const report = parseHostReport(r.stdout, []);

  assert.ok(report.load, `load parsed from:\n${r.stdout.slice(0, 500)}`);
  for (const v of Object.values(report.load)) assert.ok(Number.isFinite(v) && v >= 0);
  assert.equal(report.cpus, os.cpus().length);

  // Same kernel, same /proc/meminfo: os.totalmem() is MemTotal in bytes.
  assert.ok(report.memory);
  assert.equal(report.memory.totalKb, os.totalmem() / 1024);
  assert.ok(report.memory.usedPercent > 0 && report.memory.usedPercent < 100);

  assert.ok(report.uptimeSeconds !== null && Math.abs(report.uptimeSeconds - os.uptime()) < 5);

  const root = report.disks.find((d) => d.mount === '/');
  assert.ok(root, `no "/" among ${JSON.stringify(report.disks)}`);
  const st = fs.statfsSync('/');
  assert.ok(Math.abs(root.sizeKb - (st.blocks * st.bsize) / 1024) <= 1, 'df size of / matches statfs');
  assert.ok(report.disks.every((d) => d.fsType !== 'tmpfs' && d.fsType !== 'devtmpfs'));
  assert.equal(report.maxDiskUsedPercent, Math.max(...report.disks.map((d) => d.usedPercent)));
});
