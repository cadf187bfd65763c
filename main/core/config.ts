/**
 * Every default the processes share, in one place: the window, `photon serve` and the CLI read
 * ports and rhythms from here, so a number is never written twice and a change is one line.
 */
export const CONFIG = {
  serve: {
    /** `photon serve` listens here unless --port says otherwise. */
    port: 7717,
    host: '127.0.0.1',
    /** Largest JSON body the HTTP API reads. */
    maxBodyBytes: 1024 * 1024,
  },
  agents: {
    /** The push ingest listens on 127.0.0.1 at this port unless --agent-port / PHOTON_AGENT_PORT moves it. */
    ingestPort: 7718,
    maxBodyBytes: 16 * 1024,
    rate: { perSecond: 20, burst: 60 },
    badTokenRate: { perSecond: 2, burst: 20 },
    sweepEveryMs: 5_000,
    pullEveryMs: 5_000,
    ingestCheckEveryMs: 30_000,
  },
  /**
   * Caps for files read by path (main/core/read-file-safely.ts): each is far above what a real file
   * of that kind holds, and low enough that a wrong path or a hostile file cannot fill the memory.
   */
  files: {
    photonYmlBytes: 1024 * 1024,
    caFileBytes: 1024 * 1024,
    privateKeyBytes: 64 * 1024,
    sshConfigBytes: 1024 * 1024,
    knownHostsBytes: 8 * 1024 * 1024,
    settingsBytes: 1024 * 1024,
    /** One file of an assessed repository; larger ones are reported, not read. */
    repositoryFileBytes: 1024 * 1024,
    lockFileBytes: 4 * 1024,
    /** /proc/net/route and ipv6_route: 128-byte rows, so 64 MiB holds a full BGP table. */
    routeTableBytes: 64 * 1024 * 1024,
  },
  /** Limits of the photon.yml parser: a file that needs more is an attack or a mistake. */
  yaml: {
    /** yaml's own guard against alias expansion ("billion laughs"). */
    maxAliasCount: 100,
    /** Collections inside collections; a real photon.yml is 5 or 6 deep. */
    maxDepth: 64,
  },
  events: {
    /** Loop health changes with every check; the renderer needs it a few times a minute, not per check. */
    loopsEveryMs: 2_000,
  },
} as const;

/** A TCP port as typed by a person (flag, environment): 0–65535 in decimal digits, else null. */
export function parsePortText(raw: string): number | null {
  if (!/^\d{1,5}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= 65535 ? n : null;
}
