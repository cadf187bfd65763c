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
