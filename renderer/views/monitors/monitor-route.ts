import { ROLE_CHOICES, type Role } from './monitor-labels.ts';

export type MonitorRoute =
  | { page: 'list' }
  | { page: 'detail'; id: number }
  | { page: 'edit'; id: number }
  | { page: 'new'; role: Role | null; projectId: string | null };

/** "monitors", "monitors/12", "monitors/12/edit", "monitors/new?role=vm&project=<id>"; anything else is the list. */
export function parseMonitorRoute(path: string): MonitorRoute {
  const [where = '', query = ''] = path.split('?', 2);
  const parts = where.split('/').filter(Boolean);
  if (parts[0] !== 'monitors') return { page: 'list' };
  if (parts[1] === 'new') {
    const params = new URLSearchParams(query);
    const role = ROLE_CHOICES.find((c) => c.value === params.get('role'))?.value ?? null;
    return { page: 'new', role, projectId: params.get('project') || null };
  }
  const id = Number(parts[1]);
  if (!Number.isSafeInteger(id) || id < 1) return { page: 'list' };
  return parts[2] === 'edit' ? { page: 'edit', id } : { page: 'detail', id };
}

export const monitorHref = (id: number): string => `#/monitors/${id}`;
export const editHref = (id: number): string => `#/monitors/${id}/edit`;
export const LIST_HREF = '#/monitors';

export function newMonitorHref(options: { role?: Role; projectId?: string | null } = {}): string {
  const params = new URLSearchParams();
  if (options.role) params.set('role', options.role);
  if (options.projectId) params.set('project', options.projectId);
  const q = params.toString();
  return q ? `#/monitors/new?${q}` : '#/monitors/new';
}
