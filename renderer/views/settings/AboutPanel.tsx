import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useAppStore } from '../../state/stores-context.tsx';

const TRANSPORT = {
  electron: 'Desktop window (Electron IPC)',
  http: 'Browser, through photon serve (HTTP)',
} as const;

export function AboutPanel() {
  const info = useAppStore((s) => s.appInfo);
  const error = useAppStore((s) => s.appInfoError);
  const reload = useAppStore((s) => s.reloadAppInfo);

  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      {error && <ErrorBanner title="Could not read the app information" error={error} onRetry={() => void reload()} />}
      {!info && !error && <p className="muted">Loading…</p>}
      {info && (
        <>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Transport</dt>
            <dd>{TRANSPORT[info.transport]}</dd>
            <dt>Data directory</dt>
            <dd>
              <code>{info.dataDir}</code>
            </dd>
            <dt>Database schema version</dt>
            <dd>{info.schemaVersion}</dd>
          </dl>
          <h3>Startup notices</h3>
          {info.notices.length === 0 ? (
            <p className="muted">None: the database and settings loaded cleanly.</p>
          ) : (
            <ul className="notice-list" aria-label="Startup notices">
              {info.notices.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
