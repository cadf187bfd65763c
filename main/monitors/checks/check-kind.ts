import type { MonitorTarget } from '../../../preload/contract.ts';
import type { Observation } from '../conditions/evaluate-condition.ts';

/** Everything a check run may use besides its own target config. */
export interface CheckContext {
  /** Aborted when the run's timeout passes or the engine shuts down; a check must stop promptly. */
  signal: AbortSignal;
  /** The run's time budget, already below the monitor's interval. */
  timeoutMs: number;
  /** The host-key trust store (pins of Settings → Hosts), for ssh targets that pin no key themselves. */
  pinnedHostKey?: PinnedHostKeyLookup;
}

/** The pinned fingerprint for host:port, or null when none is pinned. */
export type PinnedHostKeyLookup = (host: string, port: number) => string | null;

/**
 * What one run of a check saw. A check never throws for a target's failure (refused, timed out, bad
 * status): it reports it here. It throws only for its own bugs.
 */
export interface CheckResult {
  /** False when the target could not be reached at all (DNS failure, refused, timeout, handshake failure). */
  reached: boolean;
  /** Time to the answer that matters for this kind (ms), null when there was none. */
  latencyMs: number | null;
  /** One line a person can act on, e.g. "HTTP 503 in 120 ms" or "connect ECONNREFUSED 127.0.0.1:8080". */
  message: string;
  /** Values for the condition placeholders this kind observes. */
  observation: Observation;
  /** Typed, JSON-serialisable, small (a few KB at most): what the UI shows as the result's evidence. */
  evidence: Record<string, unknown>;
}

export type TargetOf<K extends MonitorTarget['kind']> = Extract<MonitorTarget, { kind: K }>;

/** One file per kind exports one of these; the registry maps kind → CheckKind. */
export interface CheckKind<K extends MonitorTarget['kind']> {
  kind: K;
  /** Conditions used when a monitor lists none. */
  defaultConditions: string[];
  /** When the defaults depend on the target (an ssh monitor with a command also wants [EXIT_CODE] == 0). */
  defaultConditionsFor?(target: TargetOf<K>): string[];
  /**
   * Short human description of the target, e.g. "GET https://example.com/health" or "db:5432": the
   * one monitor lists, alerts, the scorecard and the CLI show. Never includes credentials.
   */
  describe(target: TargetOf<K>): string;
  run(target: TargetOf<K>, ctx: CheckContext): Promise<CheckResult>;
}
