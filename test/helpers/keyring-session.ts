import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from './temp-dir.ts';

/**
 * A private, throwaway desktop-keyring session for keytar tests: its own D-Bus session bus, a real
 * gnome-keyring-daemon (Secret Service) with a fresh keyring in a temp HOME/XDG_DATA_HOME, and
 * children run inside it.
 *
 * Why children: keytar (libsecret/GDBus) binds to DBUS_SESSION_BUS_ADDRESS the first time it is used
 * and keeps that connection for the life of the process, and the test runner is not started under
 * dbus-run-session. So the code under test runs in a child `node --import tsx <fixture>` whose whole
 * environment is this session's, and answers with JSON on stdout.
 *
 * Isolation: the bus uses a config written here (no service activation, so nothing else is ever
 * started on it, and nothing the host's own session has is reachable); HOME, XDG_* and TMPDIR all
 * point into the session's temp directory; DISPLAY/WAYLAND_DISPLAY are removed so libdbus cannot
 * autolaunch a bus. Every process started here carries PHOTON_TEST_KEYRING=<tag> in its environment,
 * which is how {@link processesTagged} proves nothing was left running.
 */

export type KeyringMode =
  /** gnome-keyring with a new login keyring, unlocked with a password on stdin: the working desktop. */
  | 'unlocked-keyring'
  /** The same keyring created, then the daemon restarted without the password: locked, and no prompter. */
  | 'locked-keyring'
  /** A session bus with no Secret Service on it. */
  | 'bus-only'
  /** No bus at all: DBUS_SESSION_BUS_ADDRESS unset, an empty XDG_RUNTIME_DIR, no DISPLAY. */
  | 'no-bus';

export interface FixtureRunOptions {
  /** Changes to the session environment for this child; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Kill the child (SIGKILL) and fail after this long. Default 20 s. */
  timeoutMs?: number;
}

export interface KeyringSession {
  readonly mode: KeyringMode;
  /** Temp directory holding HOME, XDG dirs, TMPDIR, the bus socket; removed by stop(). */
  readonly dir: string;
  readonly home: string;
  /** Where gnome-keyring keeps its keyring files ($XDG_DATA_HOME/keyrings). */
  readonly keyringDir: string;
  /** Tag in PHOTON_TEST_KEYRING of every process started for this session. */
  readonly tag: string;
  /** The complete environment children get. */
  readonly env: Readonly<Record<string, string>>;
  /** Runs test/secrets/fixtures/<fixture> in a child inside the session; resolves with its JSON. */
  runFixture<T>(fixture: string, input: unknown, options?: FixtureRunOptions): Promise<T>;
  /** libsecret's own CLI inside the session, for checking the keyring independently of keytar. */
  secretTool(args: string[], stdin?: string): Promise<CommandResult>;
  /** The daemons' output so far, for assertion messages. */
  log(): string;
  /** Stops the daemons (TERM, then KILL after 3 s) and removes the temp directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(root, 'test', 'secrets', 'fixtures');
const TAG_VAR = 'PHOTON_TEST_KEYRING';
const START_TIMEOUT_MS = 10_000;
const COMMAND_TIMEOUT_MS = 5_000;
/** Inherited variables that would let a child reach (or autolaunch) a keyring outside the session. */
const SCRUBBED = /^(DBUS_|XDG_|GNOME_KEYRING|DISPLAY$|WAYLAND_DISPLAY$|SSH_AUTH_SOCK$|HOME$|TMPDIR$|KDE_|KWALLET|NODE_TEST_CONTEXT$)/;

export async function startKeyringSession(mode: KeyringMode = 'unlocked-keyring'): Promise<KeyringSession> {
  for (const tool of ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool']) {
    if (!onPath(tool)) throw new Error(`${tool} is missing: install dbus, gnome-keyring and libsecret-tools (see .ci/run)`);
  }
  const { dir, cleanup } = makeTempDir('photon-keyring-');
  const tag = path.basename(dir);
  const daemons: Daemon[] = [];
  let logText = '';
  const stopAll = async (): Promise<void> => {
    for (const d of daemons.reverse()) await d.stop();
    daemons.length = 0;
  };
  try {
    const dirs = {
      HOME: path.join(dir, 'home'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      XDG_RUNTIME_DIR: path.join(dir, 'runtime'),
      TMPDIR: path.join(dir, 'tmp'),
    };
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { mode: 0o700 });
    const env: Record<string, string> = { ...inheritedEnv(), ...dirs, [TAG_VAR]: tag };

    if (mode !== 'no-bus') {
      const bus = await startBus(dir, env, (s) => (logText += s));
      daemons.push(bus.daemon);
      env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    }
    if (mode === 'unlocked-keyring' || mode === 'locked-keyring') {
      const password = randomBytes(12).toString('hex');
      const keyring = await startGnomeKeyring(env, password, (s) => (logText += s));
      daemons.push(keyring);
      if (mode === 'locked-keyring') {
        // The keyring now exists on disk; a daemon started without the password has it locked.
        await keyring.stop();
        daemons.pop();
        daemons.push(await startGnomeKeyring(env, null, (s) => (logText += s)));
      }
      const locked = await collectionLocked(env);
      if (locked !== (mode === 'locked-keyring')) throw new Error(`the test keyring should be ${mode} but reports Locked=${locked}`);
    }

    let stopped = false;
    return {
      mode,
      dir,
      home: dirs.HOME,
      keyringDir: path.join(dirs.XDG_DATA_HOME, 'keyrings'),
      tag,
      env,
      runFixture: (fixture, input, options) => runFixture(fixture, input, { ...options, env: { ...env, ...options?.env } }),
      secretTool: (args, stdin) => runCommand('secret-tool', args, env, stdin),
      log: () => logText,
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopAll();
        cleanup();
      },
    };
  } catch (err) {
    await stopAll();
    cleanup();
    throw err;
  }
}

/** Runs a fixture in a child with exactly `options.env` (undefined entries removed), returning its stdout JSON. */
export function runFixture<T>(fixture: string, input: unknown, options: FixtureRunOptions = {}): Promise<T> {
  const env = Object.fromEntries(Object.entries(options.env ?? inheritedEnv()).filter((e): e is [string, string] => e[1] !== undefined));
  const timeoutMs = options.timeoutMs ?? 20_000;
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(FIXTURES, fixture)], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      reject(new FixtureTimeoutError(`fixture ${fixture} did not finish within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`, stdout));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.stdin.on('error', () => {}); // a child that died early; its exit is reported below
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return;
      // SIGKILL that we did not send: the fixture ended itself that way on purpose (see keytar-store-runner.ts).
      if (code !== 0 && signal !== 'SIGKILL') return reject(new Error(`fixture ${fixture} exited with ${signal ?? `code ${code}`}; stderr:\n${stderr}`));
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`fixture ${fixture} printed no JSON:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

export class FixtureTimeoutError extends Error {
  constructor(
    message: string,
    /** What the child had printed before it was killed. */
    readonly stdout: string,
  ) {
    super(message);
    this.name = 'FixtureTimeoutError';
  }
}

/** Processes (other than this one) whose environment carries the session's tag. */
export function processesTagged(tag: string): Array<{ pid: number; command: string }> {
  const needle = `\0${TAG_VAR}=${tag}\0`;
  const found: Array<{ pid: number; command: string }> = [];
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environ = `\0${fs.readFileSync(`/proc/${pid}/environ`, 'latin1')}`;
      if (!environ.includes(needle)) continue;
      found.push({ pid, command: fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim() });
    } catch {
      // Gone meanwhile, or a kernel thread.
    }
  }
  return found;
}

/** Regular files under `roots` that contain any of `needles` (as UTF-8 bytes), as "path: needle #i". */
export function filesContaining(roots: readonly string[], needles: readonly string[]): string[] {
  const patterns = needles.map((n) => Buffer.from(n, 'utf8'));
  const hits: string[] = [];
  const walk = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else if (st.isFile()) {
      const data = fs.readFileSync(p);
      patterns.forEach((pat, i) => {
        if (data.includes(pat)) hits.push(`${p}: needle #${i}`);
      });
    }
  };
  for (const r of roots) walk(r);
  return hits;
}

// ---------------------------------------------------------------------------------------------

class Daemon {
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const force = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(force);
  }
}

async function startBus(dir: string, env: Record<string, string>, log: (s: string) => void): Promise<{ daemon: Daemon; address: string }> {
  // session.conf minus service activation: only what the test starts is ever on this bus.
  const config = path.join(dir, 'bus.conf');
  fs.writeFileSync(
    config,
    [
      '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"',
      ' "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
      '<busconfig>',
      '  <type>session</type>',
      `  <listen>unix:path=${path.join(dir, 'bus')}</listen>`,
      '  <auth>EXTERNAL</auth>',
      '  <policy context="default">',
      '    <allow send_destination="*" eavesdrop="true"/>',
      '    <allow eavesdrop="true"/>',
      '    <allow own="*"/>',
      '  </policy>',
      '</busconfig>',
      '',
    ].join('\n'),
  );
  const child = spawn('dbus-daemon', ['--config-file', config, '--nofork', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const daemon = new Daemon('dbus-daemon', child);
  child.stderr!.setEncoding('utf8').on('data', (s: string) => log(`[dbus-daemon] ${s}`));
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`dbus-daemon printed no address within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        const line = out.split('\n');
        if (line.length > 1) {
          clearTimeout(timer);
          resolve(line[0]!.trim());
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`dbus-daemon exited with ${signal ?? `code ${code}`} before printing its address`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return { daemon, address };
  } catch (err) {
    await daemon.stop();
    throw err;
  }
}

/** gnome-keyring-daemon in the foreground, secrets component only; `password` unlocks (or creates) the login keyring. */
async function startGnomeKeyring(env: Record<string, string>, password: string | null, log: (s: string) => void): Promise<Daemon> {
  const args = ['--foreground', '--components=secrets', ...(password === null ? [] : ['--unlock'])];
  const child = spawn('gnome-keyring-daemon', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const daemon = new Daemon('gnome-keyring-daemon', child);
  child.stdout!.setEncoding('utf8').on('data', (s: string) => log(`[gnome-keyring] ${s}`));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => log(`[gnome-keyring] ${s}`));
  child.stdin!.on('error', () => {});
  child.stdin!.end(password ?? '');
  try {
    // Ready once it owns org.freedesktop.secrets and has a default collection (the login keyring).
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (!daemon.running) throw new Error(`gnome-keyring-daemon exited with ${child.signalCode ?? `code ${child.exitCode}`}`);
      const alias = await runCommand(
        'dbus-send',
        ['--session', '--print-reply', '--reply-timeout=2000', '--dest=org.freedesktop.secrets', '/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.ReadAlias', 'string:default'],
        env,
      );
      if (alias.code === 0 && /object path "\/org\/freedesktop\/secrets\/collection\/\w+"/.test(alias.stdout)) return daemon;
      if (Date.now() > deadline) throw new Error(`gnome-keyring-daemon has no default collection after ${START_TIMEOUT_MS} ms: ${alias.stderr || alias.stdout}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (err) {
    await daemon.stop();
    throw err;
  }
}

async function collectionLocked(env: Record<string, string>): Promise<boolean> {
  const r = await runCommand(
    'dbus-send',
    [
      '--session',
      '--print-reply',
      '--reply-timeout=2000',
      '--dest=org.freedesktop.secrets',
      '/org/freedesktop/secrets/aliases/default',
      'org.freedesktop.DBus.Properties.Get',
      'string:org.freedesktop.Secret.Collection',
      'string:Locked',
    ],
    env,
  );
  const m = /boolean (true|false)/.exec(r.stdout);
  if (r.code !== 0 || !m) throw new Error(`cannot read the keyring's Locked property: ${r.stderr || r.stdout}`);
  return m[1] === 'true';
}

function runCommand(file: string, args: string[], env: Record<string, string>, stdin?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL', encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr: err && code === null ? `${stderr}${err.message}` : stderr });
    });
    child.stdin?.on('error', () => {}); // commands that never read stdin may exit before it closes
    if (stdin === undefined) child.stdin?.end();
    else child.stdin?.end(stdin);
  });
}

function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !SCRUBBED.test(e[0])));
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, tool)));
}
