import type { DeclaredEnvironment, LoopHealth, MonitorStatusName, Overview } from '../../preload/contract.ts';
import { severityRank, type MonitorRecord, type StoredState } from '../monitors/index.ts';

type Role = Overview['rows'][number]['role'];

const ROWS: Array<{ role: Role; label: string }> = [
  { role: 'vm', label: 'Production VM' },
  { role: 'api', label: 'API Endpoints' },
  { role: 'database', label: 'Database Connectivity' },
  { role: 'tls', label: 'SSL Certificate' },
  { role: 'dns', label: 'Domain DNS' },
];

export interface OverviewInput {
  projectId: string | null;
  monitors: Array<{ record: MonitorRecord; state: StoredState | undefined }>;
  loops: LoopHealth[];
  declared: { declared: DeclaredEnvironment; source: string | null } | null;
  staleAfterSeconds: number;
  now: number;
}

/**
 * The reference report's "Production Environment Status" and "Infrastructure Health Assessment",
 * from measurements only. A row with no monitor is UNKNOWN and says so — never a guessed status.
 */
export function buildOverview(input: OverviewInput): Overview {
  const rows = ROWS.map(({ role, label }) => {
    const mine = input.monitors.filter((m) => m.record.definition.role === role && !m.record.paused);
    if (mine.length === 0) {
      return { role, label, status: 'UNKNOWN' as const, detail: `no monitor has the role "${role}"`, measuredAt: null, monitorIds: [] };
    }
    // The row shows the worst of its monitors.
    const worst = mine.reduce((a, b) => (severityRank(statusOf(b)) < severityRank(statusOf(a)) ? b : a));
    const measured = mine.map((m) => m.state?.lastAt ?? null);
    return {
      role,
      label,
      status: statusOf(worst),
      detail: detailOf(worst, mine.length),
      // The oldest measurement decides staleness: a row is only as fresh as its stalest input.
      measuredAt: measured.includes(null) ? null : Math.min(...(measured as number[])),
      monitorIds: mine.map((m) => m.record.id),
    };
  });
  const vm = rows[0]!;
  const vmMonitors = input.monitors.filter((m) => m.record.definition.role === 'vm');
  const lastGood = vmMonitors.map((m) => m.state?.lastGoodAt ?? null).filter((t): t is number => t !== null);
  const loopsOk = input.loops.filter((l) => l.state === 'ok' || l.state === 'idle').length;
  return {
    projectId: input.projectId,
    declared: input.declared?.declared ?? {},
    declaredSource: input.declared?.source ?? null,
    production: {
      status: vm.status,
      detail: vm.detail,
      measuredAt: vm.measuredAt,
      lastKnownGoodAt: lastGood.length > 0 ? Math.max(...lastGood) : null,
    },
    rows,
    monitoring: { loopsOk, loopsTotal: input.loops.length, measuredAt: input.now },
    staleAfterSeconds: input.staleAfterSeconds,
  };
}

function statusOf(m: { state: StoredState | undefined }): MonitorStatusName {
  return m.state?.status ?? 'PENDING';
}

function detailOf(m: { record: MonitorRecord; state: StoredState | undefined }, count: number): string {
  const name = count > 1 ? `${m.record.definition.name}: ` : '';
  const ev = m.state?.lastEvidence ?? {};
  if (!m.state?.lastAt) return `${name}no result yet`;
  if (m.record.definition.target.kind === 'ping' && typeof ev.lossPercent === 'number') {
    const rtt = typeof ev.rttAvgMs === 'number' ? `, avg ${ev.rttAvgMs} ms` : '';
    return `${name}${ev.lossPercent}% packet loss${rtt}`;
  }
  if (typeof ev.daysLeft === 'number') return `${name}${ev.daysLeft} days until the certificate expires`;
  return `${name}${m.state.reason}`;
}
