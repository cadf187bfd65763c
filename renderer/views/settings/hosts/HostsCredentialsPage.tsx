import { ErrorBanner } from '../../../components/ErrorBanner.tsx';
import { useHostsStore, useSecretsStore } from '../../../state/stores-context.tsx';
import { SettingsNav } from '../SettingsNav.tsx';
import { HostsPanel } from './HostsPanel.tsx';
import { SshImportPanel } from './SshImportPanel.tsx';
import { VaultPanel } from './VaultPanel.tsx';

/** Settings → Hosts & Credentials: the keychain and its secrets, host profiles with their pinned keys, and the ~/.ssh import. */
export function HostsCredentialsPage() {
  const hostsError = useHostsStore((s) => s.error);
  const reloadHosts = useHostsStore((s) => s.reload);
  const secretsError = useSecretsStore((s) => s.error);
  const reloadSecrets = useSecretsStore((s) => s.reload);
  return (
    <section className="view" aria-labelledby="view-title">
      <p className="crumbs">
        <a href="#/settings">Settings</a> ›
      </p>
      <h1 id="view-title">Hosts &amp; Credentials</h1>
      <SettingsNav current="hosts" />
      {hostsError && <ErrorBanner title="Could not load the hosts" error={hostsError} onRetry={() => void reloadHosts()} />}
      {secretsError && <ErrorBanner title="Could not load the credentials" error={secretsError} onRetry={() => void reloadSecrets()} />}
      <VaultPanel />
      <HostsPanel />
      <SshImportPanel />
    </section>
  );
}
