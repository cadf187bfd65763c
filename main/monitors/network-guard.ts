import net from 'node:net';
import os from 'node:os';
import { CONFIG } from '../core/config.ts';
import { FileReadError, readRegularTextSync } from '../core/read-file-safely.ts';

export interface LocalNetworkStatus {
  offline: boolean;
  reason: string;
}

/** After a wake-up from sleep, failures are not trusted for this long: links and DHCP need time. */
const WAKE_GRACE_MS = 30_000;
/** A wall-clock jump beyond the monotonic clock larger than this means the machine slept. */
const SLEEP_JUMP_MS = 5_000;
const CACHE_MS = 1_000;

/**
 * Decides whether a failed check says something about the target or only about this machine.
 * Offline means: no default route (Linux) or no non-internal interface (elsewhere), or the machine
 * woke from sleep moments ago. While offline, failures are recorded as UNKNOWN, never DOWN — the
 * most-reported false alarm of self-hosted monitors.
 */
export class NetworkGuard {
  private cached: { at: number; status: LocalNetworkStatus } | null = null;
  private lastWall = Date.now();
  private lastMono = performance.now();
  private wokeAt: number | null = null;

  constructor(
    private readonly probe: () => LocalNetworkStatus = probeLocalNetwork,
    private readonly clock = { wall: () => Date.now(), mono: () => performance.now() },
    private readonly cacheMs = CACHE_MS,
  ) {}

  status(): LocalNetworkStatus {
    const wall = this.clock.wall();
    const mono = this.clock.mono();
    // CLOCK_MONOTONIC stops during suspend while the wall clock keeps going.
    if (wall - this.lastWall - (mono - this.lastMono) > SLEEP_JUMP_MS) this.wokeAt = wall;
    this.lastWall = wall;
    this.lastMono = mono;
    if (this.wokeAt !== null && wall - this.wokeAt < WAKE_GRACE_MS) {
      return { offline: true, reason: 'this machine just woke from sleep' };
    }
    if (!this.cached || wall - this.cached.at >= this.cacheMs) this.cached = { at: wall, status: this.probe() };
    return this.cached.status;
  }
}

/** Where Linux lists its routes; tests point these at files of their own. */
export const ROUTE_TABLES = { v4: '/proc/net/route', v6: '/proc/net/ipv6_route', maxBytes: CONFIG.files.routeTableBytes };

export function probeLocalNetwork(tables = ROUTE_TABLES): LocalNetworkStatus {
  if (process.platform === 'linux') {
    const v4 = readRouteTable(tables.v4, tables.maxBytes);
    const v6 = readRouteTable(tables.v6, tables.maxBytes);
    // A table that could not be read whole says nothing about the routes: ask the interfaces instead.
    if (v4 !== null && v6 !== null && (v4 || v6)) {
      return hasDefaultRouteV4(v4) || hasDefaultRouteV6(v6)
        ? { offline: false, reason: 'default route present' }
        : { offline: true, reason: 'local network down: this machine has no default route' };
    }
  }
  const external = Object.values(os.networkInterfaces())
    .flat()
    .some((a) => a && !a.internal);
  return external
    ? { offline: false, reason: 'a network interface is up' }
    : { offline: true, reason: 'local network down: no network interface is up' };
}

/** /proc/net/route: a row whose Destination and Mask are 00000000 with the UP flag (0x1). */
export function hasDefaultRouteV4(table: string): boolean {
  return table
    .split('\n')
    .slice(1)
    .some((line) => {
      const f = line.trim().split(/\s+/);
      return f[1] === '00000000' && f[7] === '00000000' && (parseInt(f[3] ?? '0', 16) & 1) === 1;
    });
}

/** /proc/net/ipv6_route: destination ::/0 through a device other than lo. */
export function hasDefaultRouteV6(table: string): boolean {
  return table.split('\n').some((line) => {
    const f = line.trim().split(/\s+/);
    return f[0] === '0'.repeat(32) && f[1] === '00' && f[9] !== undefined && f[9] !== 'lo' && (parseInt(f[8] ?? '0', 16) & 1) === 1;
  });
}

/** Loopback targets are answered by this machine itself, so its network state does not excuse them. */
export function isLoopbackTarget(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  return h === '::1';
}

/** The table's text; '' when the kernel has none (IPv6 off); null when it could not be read whole. */
function readRouteTable(file: string, maxBytes: number): string | null {
  try {
    return readRegularTextSync(file, { maxBytes });
  } catch (err) {
    return err instanceof FileReadError && err.code === 'NOT_FOUND' ? '' : null;
  }
}
