import type { HostSummary } from '../../preload/schemas/hosts.ts';
import type { MonitorStatusName } from '../../preload/contract.ts';
import { severityRank, targetHost, type MonitorRecord, type StoredState } from '../monitors/index.ts';

type Watched = { record: MonitorRecord; state: StoredState | undefined };

/**
 * The monitors that say whether a host is well: those aimed at its address (DNS monitors aside:
 * they ask a resolver, not the host), and every monitor below them in the dependency tree, since a
 * recovered VM whose service stays down has not recovered.
 */
export function monitorsOfHost(address: string, monitors: readonly Watched[]): Watched[] {
  const wanted = address.toLowerCase();
  const ids = new Set(
    monitors.filter((m) => m.record.definition.target.kind !== 'dns' && targetHost(m.record.definition.target).toLowerCase() === wanted).map((m) => m.record.id),
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const m of monitors) {
      const parent = m.record.definition.parentId;
      if (parent !== null && ids.has(parent) && !ids.has(m.record.id)) {
        ids.add(m.record.id);
        grew = true;
      }
    }
  }
  return monitors.filter((m) => ids.has(m.record.id) && !m.record.paused);
}

/** The worst status among the host's monitors; UNKNOWN, said plainly, when nothing watches it. */
export function hostState(address: string, monitors: readonly Watched[]): HostSummary['state'] {
  const mine = monitorsOfHost(address, monitors);
  if (mine.length === 0) return { status: 'UNKNOWN', detail: `no monitor watches ${address}`, measuredAt: null, monitorIds: [] };
  const status = (m: Watched): MonitorStatusName => m.state?.status ?? 'PENDING';
  const worst = mine.reduce((a, b) => (severityRank(status(b)) < severityRank(status(a)) ? b : a));
  const measured = mine.map((m) => m.state?.lastAt ?? null);
  const down = mine.filter((m) => status(m) === 'DOWN').length;
  const detail =
    status(worst) === 'UP'
      ? `${mine.length} monitor${mine.length === 1 ? '' : 's'} up`
      : `${worst.record.definition.name}: ${worst.state?.reason ?? 'no result yet'}${down > 1 ? ` (${down} down)` : ''}`;
  return {
    status: status(worst),
    detail,
    measuredAt: measured.includes(null) ? null : Math.min(...(measured as number[])),
    monitorIds: mine.map((m) => m.record.id),
  };
}
