import { NO_SYSTEMCTL, SECTION_MARK } from './host-metrics.ts';

/*
 * Parsers for what a host printed. The host is untrusted: every parser accepts any text, ignores
 * what it does not recognise, bounds how much it keeps, and returns null rather than throwing.
 */

export interface Load {
  load1: number;
  load5: number;
  load15: number;
}

export interface Memory {
  totalKb: number;
  availableKb: number;
  /** 1 - MemAvailable/MemTotal, in percent with one decimal. */
  usedPercent: number;
}

export interface Disk {
  mount: string;
  filesystem: string;
  fsType: string | null;
  sizeKb: number;
  usedKb: number;
  availableKb: number;
  /** used / (used + available): what is left for unprivileged writers, like df's Capacity column. */
  usedPercent: number;
}

export interface HostReport {
  load: Load | null;
  cpus: number | null;
  memory: Memory | null;
  uptimeSeconds: number | null;
  disks: Disk[];
  /** The highest usedPercent of `disks`, null without disks: one number for a condition. */
  maxDiskUsedPercent: number | null;
  /** Unit name → "active", "inactive", "failed", … or "unknown (why)". */
  units: Record<string, string>;
}

const MAX_LINES = 5_000;
const MAX_LINE = 8_192;
const MAX_DISKS = 30;
const MAX_TEXT = 200;

const round1 = (n: number) => Math.round(n * 10) / 10;
const clip = (s: string, n = MAX_TEXT) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function number(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Lines longer than any real /proc or df line (PATH_MAX is 4096) are dropped, not regex-scanned. */
function lines(text: string): string[] {
  return text.split('\n', MAX_LINES).map((l) => (l.length > MAX_LINE ? '' : l.replace(/\r$/, '')));
}

/** "0.46 1.03 0.81 1/83 26132" */
export function parseLoadavg(text: string): Load | null {
  const [a, b, c] = text.trim().split(/\s+/);
  const load1 = number(a);
  const load5 = number(b);
  const load15 = number(c);
  return load1 === null || load5 === null || load15 === null ? null : { load1, load5, load15 };
}

export function parseCpuCount(text: string): number | null {
  const n = number(text.trim());
  return n !== null && Number.isInteger(n) && n > 0 && n < 1_000_000 ? n : null;
}

/** /proc/meminfo; hosts older than Linux 3.14 lack MemAvailable, so it is estimated there. */
export function parseMeminfo(text: string): Memory | null {
  const kb = new Map<string, number>();
  for (const line of lines(text)) {
    const m = /^(\w+):\s+(\d+)(?:\s+kB)?\s*$/.exec(line);
    if (m) kb.set(m[1]!, Number(m[2]));
  }
  const total = kb.get('MemTotal');
  if (!total || !Number.isFinite(total)) return null;
  let available = kb.get('MemAvailable');
  if (available === undefined) {
    const free = kb.get('MemFree');
    if (free === undefined) return null;
    available = free + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  }
  available = Math.min(available, total);
  return { totalKb: total, availableKb: available, usedPercent: round1((1 - available / total) * 100) };
}

/** "1405.24 2085.56": seconds since boot, then idle seconds. */
export function parseUptime(text: string): number | null {
  const n = number(text.trim().split(/\s+/)[0]);
  return n === null ? null : Math.floor(n);
}

/** /proc/mounts → mount point → fs type. Octal escapes (\040 for a space) are decoded, as df prints raw names. */
export function parseMounts(text: string): Map<string, string> {
  const types = new Map<string, string>();
  for (const line of lines(text)) {
    const [, mount, type] = line.split(' ');
    if (!mount || !type) continue;
    types.set(mount.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), type);
  }
  return types;
}

// Memory-backed or virtual: their "usage" says nothing about disk space.
const PSEUDO_FS = new Set([
  'tmpfs', 'devtmpfs', 'ramfs', 'squashfs', 'proc', 'sysfs', 'devpts', 'cgroup', 'cgroup2', 'mqueue', 'nsfs',
  'tracefs', 'debugfs', 'securityfs', 'pstore', 'bpf', 'configfs', 'efivarfs', 'hugetlbfs', 'binfmt_misc',
  'fusectl', 'autofs', 'rpc_pipefs', 'fuse.lxcfs', 'fuse.snapfuse',
]);
const PSEUDO_SOURCES = new Set(['tmpfs', 'devtmpfs', 'udev', 'none', 'shm', 'proc', 'sysfs', 'cgroup', 'cgroup2']);
const PSEUDO_MOUNT_ROOTS = ['/proc', '/sys', '/dev', '/run', '/snap'];

function isRealDisk(d: Disk): boolean {
  if (d.sizeKb === 0) return false;
  // A container's root is overlay and shows the real disk; every other overlay mount repeats it.
  if (d.fsType === 'overlay' || d.filesystem === 'overlay') return d.mount === '/';
  if (d.fsType !== null) return !PSEUDO_FS.has(d.fsType);
  return !PSEUDO_SOURCES.has(d.filesystem) && !PSEUDO_MOUNT_ROOTS.some((r) => d.mount === r || d.mount.startsWith(`${r}/`));
}

/** `df -P -k` output; `fsTypes` from parseMounts when the host has /proc/mounts. */
export function parseDf(text: string, fsTypes: Map<string, string> = new Map()): Disk[] {
  const disks: Disk[] = [];
  for (const line of lines(text)) {
    // Parsed from the numbers outwards, so spaces in a device or mount name do not shift columns.
    const m = /^(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(?:\d+%|-)\s+(\/.*)$/.exec(line);
    if (!m) continue;
    const [sizeKb, usedKb, availableKb] = [Number(m[2]), Number(m[3]), Number(m[4])];
    if (![sizeKb, usedKb, availableKb].every(Number.isSafeInteger)) continue;
    const mount = m[5]!;
    const disk: Disk = {
      mount: clip(mount),
      filesystem: clip(m[1]!),
      fsType: fsTypes.get(mount) ?? null,
      sizeKb,
      usedKb,
      availableKb,
      usedPercent: usedKb + availableKb > 0 ? round1((usedKb / (usedKb + availableKb)) * 100) : 0,
    };
    if (isRealDisk(disk)) disks.push(disk);
    if (disks.length >= MAX_DISKS) break;
  }
  return disks;
}

/** What `systemctl is-active -- unit 2>&1 | head -n 3` printed. */
export function parseUnitState(output: string[]): string {
  const first = (output.find((l) => l.trim() !== '') ?? '').trim();
  if (first === NO_SYSTEMCTL) return 'unknown (systemctl not found)';
  if (/^[a-z-]{1,32}$/.test(first)) return first;
  if (first === '') return 'unknown (no answer from systemctl)';
  return `unknown (${clip(first, 120)})`;
}

interface Section {
  name: string;
  body: string[];
}

export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const line of lines(text)) {
    if (line.startsWith(SECTION_MARK)) {
      current = { name: line.slice(SECTION_MARK.length), body: [] };
      sections.push(current);
    } else if (current) {
      current.body.push(line);
    }
  }
  return sections;
}

/**
 * The whole report. Units come from the requested list, never from the output, so a host cannot
 * add or rename keys; a unit missing from the output is "unknown (no answer)".
 */
export function parseHostReport(text: string, requestedUnits: readonly string[]): HostReport {
  const sections = splitSections(text);
  const body = (name: string) => (sections.find((s) => s.name === name)?.body ?? []).join('\n');
  const disks = parseDf(body('df'), parseMounts(body('mounts')));
  const unitOutput = new Map<string, string[]>();
  for (const s of sections) {
    if (s.name !== 'unit') continue;
    const [name, ...rest] = s.body;
    if (name !== undefined && requestedUnits.includes(name) && !unitOutput.has(name)) unitOutput.set(name, rest);
  }
  return {
    load: parseLoadavg(body('loadavg')),
    cpus: parseCpuCount(body('cpus')),
    memory: parseMeminfo(body('meminfo')),
    uptimeSeconds: parseUptime(body('uptime')),
    disks,
    maxDiskUsedPercent: disks.length ? Math.max(...disks.map((d) => d.usedPercent)) : null,
    units: Object.fromEntries(
      requestedUnits.map((u) => [u, unitOutput.has(u) ? parseUnitState(unitOutput.get(u)!) : 'unknown (no answer)']),
    ),
  };
}
