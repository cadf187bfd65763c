import { useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useSettingsStore } from '../../state/stores-context.tsx';
import { AboutPanel } from './AboutPanel.tsx';
import { SettingsForm } from './SettingsForm.tsx';

export function SettingsView() {
  const settings = useSettingsStore((s) => s.settings);
  const error = useSettingsStore((s) => s.error);
  const reload = useSettingsStore((s) => s.reload);
  // Lives here, not in the form: the form is remounted when settingsChanged arrives, and the
  // confirmation must survive that.
  const [status, setStatus] = useState('');

  return (
    <section className="view" aria-labelledby="view-title">
      <h1 id="view-title">Settings</h1>
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
