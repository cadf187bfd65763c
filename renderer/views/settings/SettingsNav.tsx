import { GENERAL_SETTINGS_HREF, HOSTS_SETTINGS_HREF, type SettingsPage } from './settings-route.ts';

export function SettingsNav({ current }: { current: SettingsPage }) {
  return (
    <nav aria-label="Settings sections" className="sub-nav">
      <a href={GENERAL_SETTINGS_HREF} aria-current={current === 'general' ? 'page' : undefined}>
        General
      </a>
      <a href={HOSTS_SETTINGS_HREF} aria-current={current === 'hosts' ? 'page' : undefined}>
        Hosts &amp; Credentials
      </a>
    </nav>
  );
}
