import { useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useAppStore, useSettingsStore } from '../../state/stores-context.tsx';
import { AboutPanel } from './AboutPanel.tsx';
import { HostsCredentialsPage } from './hosts/HostsCredentialsPage.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { SettingsNav } from './SettingsNav.tsx';
import { parseSettingsRoute } from './settings-route.ts';

export function SettingsView() {
  const path = useAppStore((s) => s.path);
  return parseSettingsRoute(path) === 'hosts' ? <HostsCredentialsPage /> : <GeneralSettingsPage />;
}

function GeneralSettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  const reload = useSettingsStore((s) => s.reload);
  // Lives here, not in the form: the form is remounted when settingsChanged arrives, and the
  // confirmation must survive that.
  const [status, setStatus] = useState('');

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">Settings</h1>
      <SettingsNav current="general" />
      {error && <ErrorBanner title="Could not read the settings" error={error} onRetry={() => void reload()} />}
      {!settings && !error && <p className="muted">Loading settings…</p>}
      {settings && (
        <SettingsForm
          key={`${settings.theme}:${settings.staleAfterSeconds}`}
          settings={settings}
          status={status}
          onStatus={setStatus}
        />
      )}
      <AboutPanel />
    </section>
  );
}
