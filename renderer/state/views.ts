export const VIEWS = [
  { id: 'overview', label: 'Overview', available: false },
  { id: 'projects', label: 'Projects', available: true },
  { id: 'scorecard', label: 'Scorecard', available: false },
  { id: 'monitors', label: 'Monitors', available: false },
  { id: 'agents', label: 'Agents', available: false },
  { id: 'recovery', label: 'Recovery', available: false },
  { id: 'backups', label: 'Backups', available: false },
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
