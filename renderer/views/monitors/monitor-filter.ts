import type { MonitorStatusName, MonitorSummary } from '../../../preload/contract.ts';
import type { MonitorCollection } from '../../state/monitor-collection.ts';

export type StatusFilter = MonitorStatusName | 'all';
/** 'all', 'none' (monitors outside any project) or `p:<projectId>`. */
export type ProjectFilter = string;

export interface MonitorFilter {
  text: string;
  status: StatusFilter;
  project: ProjectFilter;
}

export const NO_FILTER: MonitorFilter = { text: '', status: 'all', project: 'all' };

function matchesProject(m: MonitorSummary, project: ProjectFilter): boolean {
  if (project === 'all') return true;
  if (project === 'none') return m.projectId === null;
  return `p:${m.projectId}` === project;
}

function matchesText(m: MonitorSummary, needle: string): boolean {
  return (
    m.name.toLowerCase().includes(needle) ||
    m.target.toLowerCase().includes(needle) ||
    m.kind.includes(needle) ||
    m.reason.toLowerCase().includes(needle)
  );
}

/** The ids to show, in list order. Without a filter the store's array is returned as is, so nothing is copied. */
export function filterMonitors(col: MonitorCollection, filter: MonitorFilter): readonly number[] {
  const needle = filter.text.trim().toLowerCase();
  if (needle === '' && filter.status === 'all' && filter.project === 'all') return col.order;
  return col.order.filter((id) => {
    const m = col.byId.get(id);
    return (
      m !== undefined &&
      (filter.status === 'all' || m.status === filter.status) &&
      matchesProject(m, filter.project) &&
      (needle === '' || matchesText(m, needle))
    );
  });
}
