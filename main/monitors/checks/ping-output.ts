/**
 * Reads what a `ping` binary printed. Output shapes differ by implementation (Linux iputils,
 * BusyBox, macOS/BSD, Windows); the summary lines are stable enough to parse, the per-reply lines
 * are not. The rule that matters most: no reply means no round-trip time, never 0 ms.
 */

export interface PingStats {
  transmitted: number;
  received: number;
  lossPercent: number;
  /** Null whenever nothing came back: an unreachable host has no latency, not 0 ms. */
  rttMinMs: number | null;
  rttAvgMs: number | null;
  rttMaxMs: number | null;
}

export type PingOutput =
  | { kind: 'stats'; stats: PingStats }
  /** The name did not resolve; `message` is the resolver's words as ping printed them. */
  | { kind: 'unknown-host'; message: string }
  /** ping cannot open its socket here (no privilege, no ICMP socket, no IPv6): try another way. */
  | { kind: 'not-permitted'; message: string }
  /** Anything else ping complained about, e.g. "connect: Network is unreachable". */
  | { kind: 'error'; message: string };

const UNKNOWN_HOST = [
  /Name or service not known/i,
  /Temporary failure in name resolution/i,
  /No address associated with hostname/i,
  /cannot resolve/i,
  /Unknown host/i,
  /bad address/i,
  /could not find host/i,
];

const NOT_PERMITTED = [
  /Operation not permitted/i,
  /Permission denied/i,
  /are you root/i,
  /socket: /i,
  /icmp open socket/i,
  /Address family not supported/i,
];

export function parsePingOutput(stdout: string, stderr: string): PingOutput {
  const text = `${stdout}\n${stderr}`;
  const stats = parseUnixSummary(text) ?? parseWindowsSummary(text);
  if (stats) return { kind: 'stats', stats };
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const lineMatching = (patterns: RegExp[]) => lines.find((l) => patterns.some((p) => p.test(l)));
  const unknown = lineMatching(UNKNOWN_HOST);
  if (unknown) return { kind: 'unknown-host', message: unknown };
  const denied = lineMatching(NOT_PERMITTED);
  if (denied) return { kind: 'not-permitted', message: denied };
  const complaint = stderr.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? lines.at(-1);
  return { kind: 'error', message: complaint ?? 'ping printed nothing' };
}

/** iputils: "3 packets transmitted, 3 received, +1 errors, 0% packet loss"; BusyBox/macOS: "… 3 packets received, 0.0% packet loss". */
function parseUnixSummary(text: string): PingStats | null {
  const summary = /(\d+) packets transmitted, (\d+) (?:packets )?received(.*)$/m.exec(text);
  if (!summary) return null;
  const transmitted = Number(summary[1]);
  const received = Number(summary[2]);
  const loss = /([\d.]+)% packet loss/.exec(summary[3] ?? '');
  const rtt = /(?:rtt|round-trip) min\/avg\/max(?:\/(?:mdev|stddev))? = ([\d.]+)\/([\d.]+)\/([\d.]+)/.exec(text);
  return build(transmitted, received, loss ? Number(loss[1]) : null, rtt ? [Number(rtt[1]), Number(rtt[2]), Number(rtt[3])] : null);
}

/**
 * Windows counts "Destination host unreachable" answers from a router as received, so only replies
 * that carry a TTL count here.
 */
function parseWindowsSummary(text: string): PingStats | null {
  const summary = /Packets: Sent = (\d+), Received = (\d+), Lost = (\d+)/.exec(text);
  if (!summary) return null;
  const transmitted = Number(summary[1]);
  const echoReplies = text.split(/\r?\n/).filter((l) => /TTL=\d+/i.test(l)).length;
  const received = Math.min(Number(summary[2]), echoReplies);
  const rtt = /Minimum = (\d+)ms, Maximum = (\d+)ms, Average = (\d+)ms/.exec(text);
  return build(transmitted, received, null, rtt ? [Number(rtt[1]), Number(rtt[3]), Number(rtt[2])] : null);
}

function build(transmitted: number, received: number, lossPercent: number | null, rtt: [number, number, number] | null): PingStats {
  const loss = lossPercent ?? (transmitted > 0 ? Math.round(((transmitted - received) / transmitted) * 1000) / 10 : 100);
  const replied = received > 0 && rtt !== null;
  return {
    transmitted,
    received,
    lossPercent: loss,
    rttMinMs: replied ? rtt[0] : null,
    rttAvgMs: replied ? rtt[1] : null,
    rttMaxMs: replied ? rtt[2] : null,
  };
}
