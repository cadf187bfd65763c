/**
 * Throw-away "VMs" made of Linux network namespaces, for the engine's acceptance tests.
 *
 * A VM is a named namespace (photon-t-<owner pid>-<random>) joined to a host side by a veth pair on a
 * private /24 picked at random inside 10.213.0.0/16 (host 10.213.X.1, VM 10.213.X.2), with an HTTP
 * server inside answering /health. The host side is the root namespace (the test process itself) or
 * another namespace made here (an "engine" machine run with `ip netns exec`).
 *
 * Traffic rule: nothing sent here may leave the machine. The only addresses tests talk to are the
 * VM's, and they are routed into the veth whatever happens to the link:
 *  - cutLink() takes the VM's end down, not the host's. The host end stays administratively up
 *    without carrier, so its connected route is kept (flagged "linkdown") and packets for the VM
 *    still go into the veth and vanish — a dead VM as the host sees it. Taking the host end down
 *    instead makes Linux drop the connected route, and packets for 10.213.X.2 would follow the
 *    default route out of the machine.
 *  - A blackhole route for the /24 with a low priority (metric) sits under the connected route as a
 *    safety net, should the veth vanish while something still sends (e.g. a crash between steps).
 *
 * Needs root (CI runs as root); requireNetnsSupport() fails with a clear message otherwise.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const NETNS_PREFIX = 'photon-t-';
/** Marks the safety-net routes this helper adds (an unused number in /etc/iproute2/rt_protos). */
const SAFETY_ROUTE_PROTO = '213';
/**
 * Safety routes rank below the connected route (metric 0) and carry their owner's pid in the metric
 * (base + pid), so a later run can tell a crashed run's route from a live one's.
 */
const SAFETY_ROUTE_METRIC_BASE = 1_000_000_000;
const SAFETY_ROUTE_METRIC = String(SAFETY_ROUTE_METRIC_BASE + process.pid);
const SERVER_SCRIPT = fileURLToPath(new URL('./netns-vm-http.mjs', import.meta.url));
const SERVER_START_TIMEOUT_MS = 10_000;
const PROCESS_EXIT_TIMEOUT_MS = 5_000;
export const VM_HTTP_PORT = 8080;

/** Subnets (the X of 10.213.X.0/24) taken by VMs of this process. */
const subnetsInUse = new Set<number>();

// ── plumbing ─────────────────────────────────────────────────────────────────────────────────────

/** `ip <args>` in the root namespace, or in `ns` (`ip -n ns …`). Throws with ip's stderr. */
export async function ip(ns: string | null, ...args: string[]): Promise<string> {
  const full = ns === null ? args : ['-n', ns, ...args];
  try {
    const { stdout } = await run('ip', full, { timeout: 10_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`ip ${full.join(' ')} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/** The command and arguments that run `command args…` inside namespace `ns`. */
export function inNetns(ns: string, command: string, args: string[]): { command: 'ip'; args: string[] } {
  return { command: 'ip', args: ['netns', 'exec', ns, command, ...args] };
}

/**
 * Fails (never skips) with a message saying what is missing: CI runs as root, so a missing
 * privilege there is a broken CI machine, not a reason to pass quietly.
 */
export async function requireNetnsSupport(): Promise<void> {
  if (process.platform !== 'linux') throw new Error(`network-namespace tests need Linux (this is ${process.platform})`);
  if (process.getuid?.() !== 0) {
    throw new Error('network-namespace tests need root (ip netns add, veth pairs); CI runs as root — run them as root');
  }
  try {
    await run('ip', ['-V']);
  } catch {
    throw new Error('`ip` is missing: install the Debian package iproute2 (.ci/run does)');
  }
  try {
    // Without it the ping kind falls back to TCP connects, and the tests would check something else.
    await run('ping', ['-V']);
  } catch {
    throw new Error('`ping` is missing: install the Debian package iputils-ping (.ci/run does)');
  }
  const probe = uniqueNetnsName();
  try {
    await ip(null, 'netns', 'add', probe);
  } catch (err) {
    throw new Error(`cannot create a network namespace here (needs root with CAP_SYS_ADMIN and CAP_NET_ADMIN): ${(err as Error).message}`);
  } finally {
    await ip(null, 'netns', 'del', probe).catch(() => {});
  }
}

function uniqueNetnsName(): string {
  return `${NETNS_PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** The owner is still running (a node process: a reused pid of something else does not count). */
function isLiveNode(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return /node/.test(commandLine(pid));
}

export async function listNetns(): Promise<string[]> {
  const out = await ip(null, 'netns', 'list');
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

async function pidsIn(ns: string): Promise<number[]> {
  const out = await ip(null, 'netns', 'pids', ns).catch(() => '');
  return out.split(/\s+/).filter((p) => /^\d+$/.test(p)).map(Number);
}

/** SIGKILLs every process inside `ns`; returns their pids with what they were running. */
async function killAllIn(ns: string): Promise<string[]> {
  const killed: string[] = [];
  for (const pid of await pidsIn(ns)) {
    const cmd = commandLine(pid);
    try {
      process.kill(pid, 'SIGKILL');
      killed.push(`${pid}: ${cmd}`);
    } catch {
      // already gone
    }
  }
  return killed;
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '(gone)';
  }
}

/**
 * Removes what crashed earlier runs left: photon-t-* namespaces whose owner process is gone (with
 * whatever still runs inside them; their veths go with them) and those owners' safety routes.
 * What belongs to live processes is left alone, so two runs on one machine do not break each other.
 */
export async function cleanStaleNetns(): Promise<string[]> {
  const removed: string[] = [];
  for (const ns of await listNetns()) {
    if (!ns.startsWith(NETNS_PREFIX)) continue;
    const owner = Number(/^photon-t-(\d+)-/.exec(ns)?.[1]);
    // A live owner keeps its namespaces (this process too); a photon-t-* name without one is stale.
    if (Number.isInteger(owner) && (owner === process.pid || isLiveNode(owner))) continue;
    await killAllIn(ns);
    await ip(null, 'netns', 'del', ns).catch(() => {});
    removed.push(`netns ${ns}`);
  }
  const routes = JSON.parse((await ip(null, '-j', 'route', 'show', 'table', 'main')) || '[]') as Array<{ type?: string; dst: string; protocol?: string; metric?: number }>;
  for (const r of routes) {
    if (r.type !== 'blackhole' || r.protocol !== SAFETY_ROUTE_PROTO || !r.dst.startsWith('10.213.') || r.metric === undefined) continue;
    const owner = r.metric - SAFETY_ROUTE_METRIC_BASE;
    if (owner > 0 && (owner === process.pid || isLiveNode(owner))) continue;
    await ip(null, 'route', 'del', 'blackhole', r.dst, 'metric', String(r.metric)).catch(() => {});
    removed.push(`route blackhole ${r.dst}`);
  }
  return removed;
}

// ── namespaces ───────────────────────────────────────────────────────────────────────────────────

export interface Netns {
  name: string;
  /**
   * Kills every process still inside, deletes the namespace (its interfaces go with it); idempotent.
   * Resolves to the processes that had to be killed: none, when everything stopped on its own.
   */
  destroy(): Promise<{ strays: string[] }>;
}

/** A fresh, empty namespace with its loopback up. */
export async function createNetns(): Promise<Netns> {
  const name = uniqueNetnsName();
  await ip(null, 'netns', 'add', name);
  let destroying: Promise<{ strays: string[] }> | null = null;
  const ns: Netns = {
    name,
    destroy: () =>
      (destroying ??= (async () => {
        const strays = await killAllIn(name);
        if ((await listNetns()).includes(name)) await ip(null, 'netns', 'del', name);
        return { strays };
      })()),
  };
  try {
    await ip(name, 'link', 'set', 'lo', 'up');
  } catch (err) {
    await ns.destroy();
    throw err;
  }
  return ns;
}

// ── VMs ──────────────────────────────────────────────────────────────────────────────────────────

export interface NetnsVm {
  /** The VM's namespace. */
  netns: string;
  /** The VM's address, 10.213.X.2. */
  address: string;
  /** The host side's address, 10.213.X.1. */
  hostAddress: string;
  subnet: string;
  /** http://10.213.X.2:8080/health, answered 200 by the VM's HTTP server. */
  healthUrl: string;
  /** Namespace holding the host end (null: the root namespace). */
  hostNetns: string | null;
  hostVeth: string;
  vmVeth: string;
  /** The HTTP server's pid (a child of this process). */
  serverPid: number;
  /** The VM's network card goes away: packets for it are still routed into the veth and vanish. */
  cutLink(): Promise<void>;
  restoreLink(): Promise<void>;
  /**
   * Stops the server, deletes the namespace (the veth pair goes with it) and the safety route;
   * idempotent. Resolves to the processes that were still inside the namespace and had to be killed.
   */
  destroy(): Promise<{ strays: string[] }>;
}

export interface NetnsVmOptions {
  /** Put the host end into this namespace instead of the root namespace. */
  hostNetns?: string;
}

export async function createNetnsVm(options: NetnsVmOptions = {}): Promise<NetnsVm> {
  const hostNetns = options.hostNetns ?? null;
  const x = await pickSubnet();
  const subnet = `10.213.${x}.0/24`;
  const hostAddress = `10.213.${x}.1`;
  const address = `10.213.${x}.2`;
  const tag = randomBytes(3).toString('hex');
  // Interface names are limited to 15 characters and must be unique in the host namespace.
  const hostVeth = `pt${tag}h`;
  const vmVeth = `pt${tag}v`;

  const vm = await createNetns().catch((err: unknown) => {
    subnetsInUse.delete(x);
    throw err;
  });
  let server: ChildProcess | null = null;
  let safetyRoute = false;
  let destroying: Promise<{ strays: string[] }> | null = null;
  const destroy = () =>
    (destroying ??= (async () => {
      let strays: string[] = [];
      const errors: unknown[] = [];
      const step = async (fn: () => Promise<void>) => {
        try {
          await fn();
        } catch (err) {
          errors.push(err);
        }
      };
      if (server) await step(() => stopProcess(server!));
      await step(async () => {
        ({ strays } = await vm.destroy());
      });
      // The kernel dismantles a deleted namespace in the background; its veth pair goes with it.
      await step(() => waitForLinkGone(hostNetns, hostVeth));
      // The host end died with its peer; the route has no device, so it stays unless removed.
      if (safetyRoute) {
        await step(async () => {
          if (hostNetns !== null && !(await listNetns()).includes(hostNetns)) return;
          await ip(hostNetns, 'route', 'del', 'blackhole', subnet, 'metric', SAFETY_ROUTE_METRIC);
        });
      }
      subnetsInUse.delete(x);
      if (errors.length > 0) throw new AggregateError(errors, `destroying VM ${vm.name} left errors: ${errors.map((e) => (e as Error).message).join('; ')}`);
      return { strays };
    })());

  try {
    await ip(hostNetns, 'route', 'add', 'blackhole', subnet, 'metric', SAFETY_ROUTE_METRIC, 'proto', SAFETY_ROUTE_PROTO);
    safetyRoute = true;
    // Created straight across: the VM end never exists in the host namespace.
    await ip(hostNetns, 'link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', vmVeth, 'netns', vm.name);
    await ip(hostNetns, 'addr', 'add', `${hostAddress}/24`, 'dev', hostVeth);
    await ip(hostNetns, 'link', 'set', hostVeth, 'up');
    await ip(vm.name, 'addr', 'add', `${address}/24`, 'dev', vmVeth);
    await ip(vm.name, 'link', 'set', vmVeth, 'up');
    server = await startServer(vm.name, address);
  } catch (err) {
    await destroy().catch(() => {});
    throw err;
  }

  return {
    netns: vm.name,
    address,
    hostAddress,
    subnet,
    healthUrl: `http://${address}:${VM_HTTP_PORT}/health`,
    hostNetns,
    hostVeth,
    vmVeth,
    serverPid: server.pid!,
    async cutLink() {
      await ip(vm.name, 'link', 'set', vmVeth, 'down');
      await assertRoutedIntoVeth(hostNetns, address, hostVeth);
    },
    async restoreLink() {
      await ip(vm.name, 'link', 'set', vmVeth, 'up');
    },
    destroy,
  };
}

async function waitForLinkGone(ns: string | null, link: string, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (ns !== null && !(await listNetns()).includes(ns)) return;
    const exists = await ip(ns, 'link', 'show', link).then(
      () => true,
      () => false,
    );
    if (!exists) return;
    if (Date.now() > until) throw new Error(`${link} still exists ${timeoutMs} ms after its namespace was deleted`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Refuses to go on if packets for the VM would leave through anything but its veth. */
async function assertRoutedIntoVeth(hostNetns: string | null, address: string, hostVeth: string): Promise<void> {
  const [route] = JSON.parse(await ip(hostNetns, '-j', 'route', 'get', address)) as Array<{ dev?: string; type?: string }>;
  if (route?.dev !== hostVeth && route?.type !== 'blackhole') {
    throw new Error(`after the cut, ${address} is routed through ${JSON.stringify(route)}, not ${hostVeth}: refusing to continue`);
  }
}

/** A random 10.213.X.0/24 that no route of the root namespace overlaps (default aside). */
async function pickSubnet(): Promise<number> {
  const routes = JSON.parse((await ip(null, '-j', 'route', 'show', 'table', 'all')) || '[]') as Array<{ dst: string }>;
  const taken = (x: number) =>
    subnetsInUse.has(x) ||
    routes.some((r) => {
      if (r.dst === 'default' || r.dst.includes(':')) return false;
      return overlaps(r.dst, `10.213.${x}.0/24`);
    });
  for (let attempt = 0; attempt < 100; attempt++) {
    const x = randomInt(1, 255);
    if (!taken(x)) {
      subnetsInUse.add(x);
      return x;
    }
  }
  throw new Error('no free 10.213.X.0/24 subnet: routes cover all of 10.213.0.0/16');
}

function overlaps(a: string, b: string): boolean {
  const parse = (cidr: string): [number, number] => {
    const [addr, bits = '32'] = cidr.split('/');
    const n = (addr ?? '').split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
    const len = Number(bits);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    return [(n & mask) >>> 0, mask];
  };
  const [na, ma] = parse(a);
  const [nb, mb] = parse(b);
  const common = (ma & mb) >>> 0;
  return ((na & common) >>> 0) === ((nb & common) >>> 0);
}

async function startServer(ns: string, address: string): Promise<ChildProcess> {
  const { command, args } = inNetns(ns, process.execPath, [SERVER_SCRIPT, address, String(VM_HTTP_PORT)]);
  // stdin is a pipe the server watches: if this process dies, the server sees EOF and exits.
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  try {
    await new Promise<void>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the VM's HTTP server did not start within ${SERVER_START_TIMEOUT_MS} ms: ${stderr}`)), SERVER_START_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        stdout += s;
        if (stdout.includes('listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the VM's HTTP server exited (${code ?? signal}) before listening: ${stderr.trim()}`));
      });
    });
  } catch (err) {
    await stopProcess(child).catch(() => {});
    throw err;
  }
  return child;
}

/** SIGTERM, then SIGKILL if it lingers; resolves once the process has exited. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

// ── leak checks ──────────────────────────────────────────────────────────────────────────────────

/** Pids whose parent is `pid` (still running or not yet reaped), from /proc. */
export function childPids(pid = process.pid): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map(Number)
    .filter((p) => {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false; // exited while we looked
      }
    });
}

/**
 * What this process left behind: its namespaces, veths and safety routes, and child processes.
 * Empty when everything was cleaned up.
 */
export async function leftovers(vms: readonly Pick<NetnsVm, 'hostVeth' | 'hostNetns' | 'subnet'>[] = []): Promise<string[]> {
  const found: string[] = [];
  const mine = `${NETNS_PREFIX}${process.pid}-`;
  for (const ns of await listNetns()) if (ns.startsWith(mine)) found.push(`namespace ${ns}`);
  const rootRoutes = JSON.parse((await ip(null, '-j', 'route', 'show', 'table', 'main')) || '[]') as Array<{ dst: string; type?: string; dev?: string }>;
  for (const vm of vms) {
    if (vm.hostNetns !== null) continue; // went with the host namespace, checked above
    if (await ip(null, 'link', 'show', vm.hostVeth).then(() => true, () => false)) found.push(`veth ${vm.hostVeth}`);
    for (const r of rootRoutes) if (r.dst === vm.subnet) found.push(`route ${r.type ?? ''} ${r.dst} ${r.dev ?? ''}`.replace(/\s+/g, ' ').trim());
  }
  for (const pid of childPids()) {
    const cmd = commandLine(pid);
    // tsx's esbuild service belongs to the test runtime, not to the test.
    if (/\/esbuild --service=/.test(cmd)) continue;
    found.push(`child process ${pid}: ${cmd}`);
  }
  return found;
}
