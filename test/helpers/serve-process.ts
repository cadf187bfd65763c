import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVING = /serving at (http:\/\/\S+?)#token=([A-Za-z0-9_-]+)/;

export interface ServeProcess {
  /** The URL exactly as printed, token included: what an operator would open. */
  url: string;
  token: string;
  /** The same URL without the fragment, e.g. http://127.0.0.1:41234/ */
  baseUrl: string;
  /** Everything the process wrote so far, for assertion messages. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL if it hangs); safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL at once, as a crash or the OOM killer would, and waits for the exit. */
  kill(): Promise<void>;
}

export interface ServeOptions {
  dataDir: string;
  startTimeoutMs?: number;
  /** The whole environment of the process (e.g. a keyring session's); this process's by default. */
  env?: Readonly<Record<string, string>>;
}

/**
 * Starts the real, built `photon serve` (bin/photon.mjs → out/main/cli.mjs) on a free port and
 * resolves once it prints its URL. Needs `node scripts/build.mjs` first: testing the bundle, not the
 * sources, is the point, since that is what ships.
 */
export async function startServe({ dataDir, startTimeoutMs = 20_000, env }: ServeOptions): Promise<ServeProcess> {
  for (const built of ['out/main/cli.mjs', 'out/renderer/index.html']) {
    if (!fs.existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run "node scripts/build.mjs" before the e2e tests`);
  }
  const child = spawn(process.execPath, ['bin/photon.mjs', 'serve', '--data-dir', dataDir, '--port', '0', '--agent-port', '0'], {
    cwd: ROOT,
    ...(env && { env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(env && { env: { ...env } }),
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  try {
    const [, baseUrl, token] = await waitForServing(child, () => output, startTimeoutMs);
    return { url: `${baseUrl}#token=${token}`, token: token!, baseUrl: baseUrl!, output: () => output, stop, kill };
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForServing(child: ChildProcess, output: () => string, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = SERVING.exec(output());
      if (match) finish(() => resolve(match));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`photon serve exited (${signal ?? code}) before serving:\n${output()}`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`photon serve printed no URL within ${timeoutMs} ms:\n${output()}`))),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}
