import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../app/create-core.ts';
import { CONFIG } from '../core/config.ts';
import { defaultDataDir } from '../core/data-dir.ts';
import { JsonFileSettingsStore } from '../settings/index.ts';
import { newAccessToken } from '../server/bearer-token.ts';
import { startHttpServer } from '../server/http-server.ts';
import { parseOptions, parsePort } from './parse-options.ts';
import { UsageError } from './usage-error.ts';

export const SERVE_HELP = `Usage: photon serve [--data-dir DIR] [--host H] [--port N] [--agent-port N] [--allow-remote]

Runs the console without a window: the same core and UI on http://127.0.0.1:<port>/.
A new access token is generated at every start and printed inside the URL.

  --data-dir DIR   where the database and settings live (default: $XDG_DATA_HOME/photon-console)
  --host H         address to bind (default 127.0.0.1)
  --port N         port to bind, 0 for any free port (default ${CONFIG.serve.port})
  --agent-port N   port of the agents' push ingest, always on 127.0.0.1, 0 for any free port (default ${CONFIG.agents.ingestPort})
  --allow-remote   permit a non-loopback --host (anyone who can reach it and has the token gets in)
`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseOptions('serve', argv, {
    'data-dir': { type: 'string' },
    host: { type: 'string', default: CONFIG.serve.host },
    port: { type: 'string' },
    'agent-port': { type: 'string' },
    'allow-remote': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(SERVE_HELP);
    return 0;
  }
  const port = parsePort('serve', values.port, CONFIG.serve.port);
  const agentPort = parsePort('serve', values['agent-port'], CONFIG.agents.ingestPort, '--agent-port');
  const host = values.host;
  const allowRemote = values['allow-remote'];
  if (!LOOPBACK.has(host) && !allowRemote) {
    throw new UsageError(`photon serve: refusing to bind ${host}, which is not a loopback address; add --allow-remote if you mean it`);
  }
  if (allowRemote && !LOOPBACK.has(host)) {
    process.stderr.write(
      `warning: serving on ${host}: anyone who can reach this address and holds the token controls the console. Prefer an SSH tunnel.\n`,
    );
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const core = createCore({
    dataDir,
    settings: new JsonFileSettingsStore(path.join(dataDir, 'settings.json')),
    transport: 'http',
    agents: { ingestPort: agentPort },
  });
  await core.agents.ready;
  const token = newAccessToken();
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    server = await startHttpServer({ core, token, staticDir: rendererDir(), host, port, allowRemote });
  } catch (err) {
    // Port taken: stop the engine we just started, or the process would linger running checks.
    await core.close();
    throw err;
  }
  const ingest = core.agents.ingestInfo();
  // One write: whoever waits for the URL line (a script, the e2e helper) finds the agents' line with it.
  process.stdout.write(
    `Photon Console is serving at ${server.url}#token=${token}\n` +
      (ingest.url ? `Agents report to ${ingest.url}ping/<token>\n` : `warning: ${ingest.error}\n`),
  );
  process.stdout.write(`Data directory: ${dataDir}\nPress Ctrl+C to stop.\n`);

  return new Promise<number>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server
        .close()
        .then(() => core.close())
        .then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The built renderer: beside the bundled CLI (out/main → out/renderer), or out/ when run from source. */
function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../out/renderer')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? candidates[0]!;
}
