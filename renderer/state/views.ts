export const VIEWS = [
  { id: 'overview', label: 'Overview', available: true },
  { id: 'projects', label: 'Projects', available: true },
  { id: 'scorecard', label: 'Scorecard', available: true },
  { id: 'monitors', label: 'Monitors', available: true },
  { id: 'alerts', label: 'Alerts', available: true },
  { id: 'agents', label: 'Agents', available: true },
  { id: 'recovery', label: 'Recovery', available: true },
  { id: 'backups', label: 'Backups', available: true },
  { id: 'settings', label: 'Settings', available: true },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

export const DEFAULT_VIEW: ViewId = 'overview';

export const hrefFor = (view: ViewId): string => `#/${view}`;

/** `#/projects` → 'projects'; anything unknown falls back to the overview rather than a blank page. */
export function viewFromHash(hash: string): ViewId {
  const wanted = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return VIEWS.find((v) => v.id === wanted)?.id ?? DEFAULT_VIEW;
}

/** Everything after `#/`, e.g. "monitors/12" or "monitors/new?role=vm": views with pages of their own read the rest. */
export function pathFromHash(hash: string): string {
  return hash.replace(/^#\/?/, '');
}
