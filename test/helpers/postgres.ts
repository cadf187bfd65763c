import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './loopback-servers.ts';

const run = promisify(execFile);

export interface TestPostgres {
  host: '127.0.0.1';
  port: number;
  /** Superuser, trusted over TCP from 127.0.0.1 (no password). */
  superuser: 'postgres';
  /** Runs SQL as the superuser. */
  sql(text: string): Promise<void>;
  /** Everything the server logged, for assertion messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  /** Roles that must log in with a SCRAM password (created with these passwords); every other role is trusted. */
  passwordRoles?: Record<string, string>;
}

/** The newest server binaries Debian installed, e.g. /usr/lib/postgresql/15/bin. */
function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian package postgresql (.ci/run does)');
  return path.join(root, newest, 'bin');
}

/**
 * A private, throwaway PostgreSQL cluster: initdb into a temp directory, the server on 127.0.0.1 at
 * a free port with its socket in that directory, no fsync. PostgreSQL refuses to run as root, so as
 * root it runs as the `postgres` user (setpriv execs in place: the child we hold is the server).
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const bin = findBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const asOwner = async (): Promise<string[]> => {
    if (!asRoot) return [];
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    fs.chownSync(dir, uid, gid);
    return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--'];
  };
  let child: ChildProcess | undefined;
  try {
    const prefix = await asOwner();
    const command = (args: string[]) => (prefix.length > 0 ? { file: prefix[0]!, args: [...prefix.slice(1), ...args] } : { file: args[0]!, args: args.slice(1) });

    const init = command([path.join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await run(init.file, init.args, { cwd: dir, timeout: 60_000 });
    const scram = Object.keys(options.passwordRoles ?? {}).map((role) => `host all ${role} 127.0.0.1/32 scram-sha-256`);
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), ['local all all trust', ...scram, 'host all all 127.0.0.1/32 trust', ''].join('\n'));

    const port = await freePort();
    const server = command([
      path.join(bin, 'postgres'), '-D', data, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=20',
    ]);
    const started = spawn(server.file, server.args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    started.stdout!.setEncoding('utf8').on('data', (s: string) => (output += s));
    started.stderr!.setEncoding('utf8').on('data', (s: string) => (output += s));
    await ready(started, () => output);

    const sql = async (text: string) => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    for (const [role, password] of Object.entries(options.passwordRoles ?? {})) {
      await sql(`create role "${role}" login password '${password.replace(/'/g, "''")}'`);
    }
    return {
      host: '127.0.0.1',
      port,
      superuser: 'postgres',
      sql,
      log: () => output,
      stop: async () => {
        await stop(started);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (child) await stop(child);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function ready(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`postgres did not start in 30 s:\n${output()}`)), 30_000);
    const onData = () => {
      if (/database system is ready to accept connections/.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${code}) before it was ready:\n${output()}`));
    });
  });
}

/** Fast shutdown (SIGINT), SIGKILL if it hangs. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
