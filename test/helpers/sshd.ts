import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before } from 'node:test';
import { makeTempDir } from './temp-dir.ts';

const run = promisify(execFile);

const SSHD = '/usr/sbin/sshd';
// sshd refuses to start without its privilege-separation directory; Debian creates it at boot only.
const PRIVSEP_DIR = '/run/sshd';
const START_TIMEOUT_MS = 10_000;
const SESSION_TAG = 'PHOTON_TEST_SSHD';

export interface TestSshd {
  /** 127.0.0.1, or the namespace VM's address (options.netns). */
  host: string;
  port: number;
  /** Tests log in as root with key auth: CI runs as root, and no account has to be created. */
  user: 'root';
  /** With options.passwordUser: the password of PASSWORD_USER for this run. */
  password: string | null;
  /** Temp directory holding keys, config, pid file; removed by stop(). */
  dir: string;
  /** Unencrypted ed25519 client key, authorized. */
  clientKeyPath: string;
  /** A second authorized ed25519 key, encrypted with clientKeyPassphrase. */
  encryptedClientKeyPath: string;
  clientKeyPassphrase: string;
  /** Authorized, for loading into an ssh-agent (see startAgent). */
  agentKeyPath: string;
  /** A valid key that is NOT authorized. */
  strangerKeyPath: string;
  /** `ssh-keygen -lf` of the ed25519 host key: the key ssh2 negotiates when the server offers several. */
  hostKeyFingerprint: string;
  /** `ssh-keygen -lf` of the rsa host key the same server also holds. */
  rsaHostKeyFingerprint: string;
  /** sshd's stderr so far (-e), for assertion messages. */
  log(): string;
  /** New host keys, sshd restarted on the same port: what a rebuilt host (or an impostor) looks like. */
  regenerateHostKey(): Promise<void>;
  /** Stops sshd and removes the temp directory; safe to call twice. */
  stop(): Promise<void>;
}

export interface SshdOptions {
  /** PATH for sessions (sshd's SetEnv), e.g. a directory with a fake systemctl, or one without sqlite3. */
  sessionPath?: string;
  /** Also accept password logins for PASSWORD_USER (created if missing, given a fresh password). */
  passwordUser?: boolean;
  /** Run inside this network namespace, listening on its VM address (see netns-vm.ts). */
  netns?: { name: string; address: string };
  /** A line every session's shell prints on stderr before the command, as chatty login scripts do. */
  loginNoise?: string;
}

/** The account password-auth tests log in as; root itself never takes a password. */
export const PASSWORD_USER = 'photon-sshpw';

/**
 * A real OpenSSH sshd on 127.0.0.1:<free port>, in the foreground (-D) with its log on stderr (-e),
 * configured entirely from a temp directory: host keys, authorized_keys, pid file. Needs root (it
 * binds as a privilege-separating sshd and logs sessions in as root).
 */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  if (process.getuid?.() !== 0) throw new Error('the test sshd needs root: sshd privilege separation and root logins');
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: install openssh-server (see .ci/run)`);
  fs.mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });

  const { dir, cleanup } = makeTempDir('photon-sshd-');
  try {
    const passphrase = 'correct horse battery staple';
    const [clientKeyPath, encryptedClientKeyPath, agentKeyPath, strangerKeyPath] = await Promise.all([
      generateKey(dir, 'client_ed25519', 'ed25519'),
      generateKey(dir, 'client_encrypted_ed25519', 'ed25519', passphrase),
      generateKey(dir, 'agent_ed25519', 'ed25519'),
      generateKey(dir, 'stranger_ed25519', 'ed25519'),
    ]);
    const authorized = [clientKeyPath, encryptedClientKeyPath, agentKeyPath].map((k) => fs.readFileSync(`${k}.pub`, 'utf8')).join('');
    fs.writeFileSync(path.join(dir, 'authorized_keys'), authorized, { mode: 0o600 });

    const hostKeys = await generateHostKeys(dir);
    const password = options.passwordUser ? await preparePasswordUser() : null;
    const port = await freePort();
    const listen = options.netns?.address ?? '127.0.0.1';
    const configPath = await writeConfig(dir, port, options, listen);

    const server = new SshdProcess(configPath, port, listen, options.netns?.name ?? null);
    await server.start();

    const sshd: TestSshd = {
      host: listen,
      port,
      user: 'root',
      password,
      dir,
      clientKeyPath,
      encryptedClientKeyPath,
      clientKeyPassphrase: passphrase,
      agentKeyPath,
      strangerKeyPath,
      hostKeyFingerprint: hostKeys.ed25519,
      rsaHostKeyFingerprint: hostKeys.rsa,
      log: () => server.log,
      async regenerateHostKey() {
        await server.stop();
        const fresh = await generateHostKeys(dir);
        sshd.hostKeyFingerprint = fresh.ed25519;
        sshd.rsaHostKeyFingerprint = fresh.rsa;
        await server.start();
      },
      async stop() {
        await server.stop();
        killSessionLeftovers(path.basename(dir));
        cleanup();
      },
    };
    return sshd;
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** `ssh-keygen -lf <pub>` → "SHA256:…", the reference every fingerprint test compares against. */
export async function sshKeygenFingerprint(publicKeyPath: string): Promise<string> {
  const { stdout } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  const fp = stdout.split(/\s+/)[1];
  if (!fp?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen -lf output: ${stdout}`);
  return fp;
}

export async function generateKey(dir: string, name: string, type: 'ed25519' | 'rsa' | 'ecdsa', passphrase = ''): Promise<string> {
  const file = path.join(dir, name);
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.pub`, { force: true });
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  await run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-C', `photon-test-${name}`, '-f', file]);
  return file;
}

/** A login with a random password: tests need a real account for sshd to check it against /etc/shadow. */
async function preparePasswordUser(): Promise<string> {
  const exists = await run('id', ['-u', PASSWORD_USER]).then(
    () => true,
    () => false,
  );
  if (!exists) await run('useradd', ['--no-create-home', '--home-dir', '/tmp', '--shell', '/bin/sh', PASSWORD_USER]);
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn('chpasswd', [], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`chpasswd failed: ${err}`))));
    child.stdin!.end(`${PASSWORD_USER}:${password}\n`);
  });
  return password;
}

async function generateHostKeys(dir: string): Promise<{ ed25519: string; rsa: string }> {
  const [ed, rsa] = await Promise.all([generateKey(dir, 'host_ed25519', 'ed25519'), generateKey(dir, 'host_rsa', 'rsa')]);
  return { ed25519: await sshKeygenFingerprint(`${ed}.pub`), rsa: await sshKeygenFingerprint(`${rsa}.pub`) };
}

async function writeConfig(dir: string, port: number, options: SshdOptions, listen: string): Promise<string> {
  const lines = [
    `ListenAddress ${listen}`,
    `Port ${port}`,
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `HostKey ${path.join(dir, 'host_rsa')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${options.passwordUser ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    // The temp directory is not owned and moded the way StrictModes insists on.
    'StrictModes no',
    'UseDNS no',
    'PrintMotd no',
    'Subsystem sftp internal-sftp',
    // Every session process inherits the tag, so stop() can find what sessions left running.
    `SetEnv ${SESSION_TAG}=${path.basename(dir)}${options.sessionPath ? ` PATH=${options.sessionPath}` : ''}${options.loginNoise ? ` BASH_ENV=${writeNoiseScript(dir, options.loginNoise)}` : ''}`,
  ];
  const configPath = path.join(dir, 'sshd_config');
  // OpenSSH ≥ 9.8 penalises a source address after failed logins; the auth-failure tests would then
  // lock every later test out of 127.0.0.1. Older versions reject the option, so it is probed.
  fs.writeFileSync(configPath, [...lines, 'PerSourcePenalties no', ''].join('\n'));
  try {
    await run(SSHD, ['-t', '-f', configPath]);
  } catch {
    fs.writeFileSync(configPath, [...lines, ''].join('\n'));
    await run(SSHD, ['-t', '-f', configPath]).catch((err: { stderr?: string }) => {
      throw new Error(`sshd rejects the test config:\n${err.stderr ?? String(err)}`);
    });
  }
  return configPath;
}

/** bash runs $BASH_ENV before a non-interactive command: the place a login script's chatter comes from. */
function writeNoiseScript(dir: string, line: string): string {
  const file = path.join(dir, 'login-noise.sh');
  fs.writeFileSync(file, `printf '%s\\n' '${line.replace(/'/g, `'\\''`)}' >&2\n`);
  return file;
}

class SshdProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  log = '';

  constructor(
    private readonly configPath: string,
    private readonly port: number,
    private readonly address: string,
    private readonly netns: string | null,
  ) {}

  async start(): Promise<void> {
    // sshd insists on an absolute path to itself (it re-executes for every connection).
    const argv = [SSHD, '-D', '-e', '-f', this.configPath];
    // `ip netns exec` execs sshd in place, so the child's pid is sshd's own.
    const child = this.netns
      ? spawn('ip', ['netns', 'exec', this.netns, ...argv], { stdio: ['ignore', 'ignore', 'pipe'] })
      : spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (this.log += s));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await waitForBanner(this.address, this.port, () => child.exitCode !== null || child.signalCode !== null, () => this.log);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // Stopping the listener leaves established connections running; a test that failed before
    // closing its connection would then keep the test process alive. Their sshd processes are the
    // listener's children, so they go first, by pid.
    for (const pid of childPids(child.pid!)) killQuietly(pid, 'SIGTERM');
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(force);
  }
}

/**
 * A command whose channel was closed on timeout or abort keeps running on the "remote" host (see
 * runScript), reparented to init once its session ends. Those processes are this sshd's, found by
 * the environment tag its sessions carry, and killed by pid.
 */
function killSessionLeftovers(tag: string): void {
  const needle = `\0${SESSION_TAG}=${tag}\0`;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue; // gone already, or a kernel thread
    }
    if (`\0${environ}`.includes(needle) && Number(pid) !== process.pid) killQuietly(Number(pid), 'SIGKILL');
  }
}

function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // Fields after the parenthesised command name: state, then ppid.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(pid));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // exited in between
  }
}

/** Ready means: a TCP connect gets an "SSH-2.0-" banner. Polled, never slept on. */
async function waitForBanner(address: string, port: number, hasExited: () => boolean, log: () => string): Promise<void> {
  const until = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (hasExited()) throw new Error(`sshd exited during startup:\n${log()}`);
    if (await readsBanner(address, port)) return;
    if (Date.now() > until) throw new Error(`sshd sent no banner on ${address}:${port} within ${START_TIMEOUT_MS} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function readsBanner(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    let seen = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('data', (b) => {
      seen += b.toString('latin1');
      if (seen.includes('SSH-2.0-')) done(true);
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface TestAgent {
  socket: string;
  stop(): Promise<void>;
}

/** A foreground ssh-agent on a socket in `dir`, holding the given unencrypted keys. */
export async function startAgent(dir: string, keyPaths: string[]): Promise<TestAgent> {
  const socket = path.join(dir, `agent-${process.pid}-${Date.now()}.sock`);
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(socket, { force: true });
  };
  try {
    const until = Date.now() + START_TIMEOUT_MS;
    while (!fs.existsSync(socket)) {
      if (child.exitCode !== null) throw new Error(`ssh-agent exited: ${log}`);
      if (Date.now() > until) throw new Error(`ssh-agent created no socket within ${START_TIMEOUT_MS} ms: ${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const key of keyPaths) await run('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    return { socket, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * A directory for a session PATH: symlinks to the named system tools plus small scripts, so a test
 * can decide exactly which commands the "remote host" has (no sqlite3, a fake systemctl…).
 */
export function makeBinDir(dir: string, name: string, tools: string[], scripts: Record<string, string> = {}): string {
  const bin = path.join(dir, name);
  fs.mkdirSync(bin, { recursive: true });
  for (const tool of tools) {
    const found = ['/usr/local/bin', '/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
    if (!found) throw new Error(`makeBinDir: ${tool} not found on this machine`);
    fs.symlinkSync(found, path.join(bin, tool));
  }
  for (const [file, body] of Object.entries(scripts)) fs.writeFileSync(path.join(bin, file), body, { mode: 0o755 });
  return bin;
}

/**
 * For a test file whose tests share one sshd and one temp folder: the sshd starts before the first
 * test, and after the last it stops and the folder goes. Read `sshd` inside tests only.
 */
export function sshdForTestFile(tempPrefix: string): { readonly sshd: TestSshd; tmp: { dir: string; cleanup(): void } } {
  const tmp = makeTempDir(tempPrefix);
  let sshd: TestSshd | undefined;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => {
    await sshd?.stop();
    tmp.cleanup();
  });
  return {
    tmp,
    get sshd() {
      if (!sshd) throw new Error('the test sshd is started before the first test; read it inside a test');
      return sshd;
    },
  };
}
