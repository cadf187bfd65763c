export type SettingsPage = 'general' | 'hosts';

/** "settings" is the general page; "settings/hosts" is Hosts & Credentials. */
export function parseSettingsRoute(path: string): SettingsPage {
  const parts = (path.split('?', 1)[0] ?? '').split('/').filter(Boolean);
  return parts[0] === 'settings' && parts[1] === 'hosts' ? 'hosts' : 'general';
}

export const GENERAL_SETTINGS_HREF = '#/settings';
export const HOSTS_SETTINGS_HREF = '#/settings/hosts';
