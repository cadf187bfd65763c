import type { LoopHealth } from '../../preload/contract.ts';
import type { MonitorRecord, StoredState } from '../monitors/index.ts';

const DAY_MS = 86_400_000;

/**
 * Prometheus text format for `GET /metrics`. Only measured values: a monitor without a result has
 * no up/latency sample at all rather than a made-up 0.
 */
export function renderPrometheusMetrics(
  monitors: Array<{ record: MonitorRecord; state: StoredState | undefined }>,
  loops: LoopHealth[],
  lag: { quantile(q: number): number | null },
): string {
  const out: string[] = [];
  const family = (name: string, type: 'gauge' | 'counter', help: string, samples: string[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
  };
  const measured = monitors.filter((m) => m.state?.lastAt != null);
  const labels = (m: { record: MonitorRecord }) =>
    `id="${m.record.id}",monitor="${esc(m.record.definition.name)}",kind="${m.record.definition.target.kind}"`;

  family('photon_monitor_up', 'gauge', '1 when the monitor is UP or DEGRADED, 0 when DOWN; absent before the first result or while UNKNOWN.', measured
    .filter((m) => ['UP', 'DEGRADED', 'DOWN'].includes(m.state!.status))
    .map((m) => `photon_monitor_up{${labels(m)}} ${m.state!.status === 'DOWN' ? 0 : 1}`));
  family('photon_monitor_status', 'gauge', 'Current status as a label (value always 1).', measured.map(
    (m) => `photon_monitor_status{${labels(m)},status="${m.state!.status}"} 1`,
  ));
  family('photon_monitor_latency_milliseconds', 'gauge', 'Latency of the last result.', measured
    .filter((m) => m.state!.lastLatency !== null)
    .map((m) => `photon_monitor_latency_milliseconds{${labels(m)}} ${m.state!.lastLatency}`));
  family('photon_monitor_last_check_timestamp_seconds', 'gauge', 'When the last result was taken.', measured.map(
    (m) => `photon_monitor_last_check_timestamp_seconds{${labels(m)}} ${Math.floor(m.state!.lastAt! / 1000)}`,
  ));
  family('photon_monitor_tls_days_left', 'gauge', 'Days until the certificate seen by the last result expires.', measured
    .map((m) => ({ m, days: tlsDaysLeft(m.state!.lastEvidence) }))
    .filter((x) => x.days !== null)
    .map(({ m, days }) => `photon_monitor_tls_days_left{${labels(m)}} ${days}`));
  family('photon_monitor_metric', 'gauge', "The monitor's recorded metric, when it has one.", measured
    .filter((m) => m.state!.lastMetric !== null && m.record.definition.metric)
    .map((m) => `photon_monitor_metric{${labels(m)},metric="${esc(m.record.definition.metric!.name)}"} ${m.state!.lastMetric}`));

  family('photon_loop_healthy', 'gauge', '1 when the loop is ok or idle, 0 when failing, late or stopped.', loops.map(
    (l) => `photon_loop_healthy{loop="${esc(l.name)}",state="${l.state}"} ${l.state === 'ok' || l.state === 'idle' ? 1 : 0}`,
  ));
  family('photon_loop_runs_total', 'counter', 'Runs of the loop since start.', loops.map((l) => `photon_loop_runs_total{loop="${esc(l.name)}"} ${l.runs}`));
  family('photon_loop_errors_total', 'counter', 'Failed runs of the loop since start.', loops.map((l) => `photon_loop_errors_total{loop="${esc(l.name)}"} ${l.errors}`));
  family('photon_loop_last_run_timestamp_seconds', 'gauge', 'When the loop last finished a run.', loops
    .filter((l) => l.lastRunAt !== null)
    .map((l) => `photon_loop_last_run_timestamp_seconds{loop="${esc(l.name)}"} ${Math.floor(l.lastRunAt! / 1000)}`));
  family('photon_scheduler_lag_milliseconds', 'gauge', 'How late recent checks started versus their plan.', [0.5, 0.99]
    .map((q) => ({ q, v: lag.quantile(q) }))
    .filter((x) => x.v !== null)
    .map(({ q, v }) => `photon_scheduler_lag_milliseconds{quantile="${q}"} ${Math.round(v! * 10) / 10}`));
  return out.join('\n') + '\n';
}

function tlsDaysLeft(evidence: Record<string, unknown> | null): number | null {
  if (!evidence) return null;
  if (typeof evidence.daysLeft === 'number') return evidence.daysLeft;
  const tls = evidence.tls as { validTo?: unknown } | undefined;
  if (tls && typeof tls.validTo === 'string') {
    const ms = Date.parse(tls.validTo);
    if (Number.isFinite(ms)) return Math.round(((ms - Date.now()) / DAY_MS) * 10) / 10;
  }
  return null;
}

/** Label values escape backslash, quote and newline, per the exposition format. */
function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
