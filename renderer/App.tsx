import { useEffect, useRef, type ReactElement } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { StartupNotices } from './components/StartupNotices.tsx';
import { TokenRequired } from './components/TokenRequired.tsx';
import { useAppStore, useSettingsStore } from './state/stores-context.tsx';
import { VIEWS, type ViewId } from './state/views.ts';
import { AgentsView } from './views/agents/AgentsView.tsx';
import { AlertsView } from './views/alerts/AlertsView.tsx';
import { DesktopToasts } from './components/DesktopToasts.tsx';
import { BackupsView } from './views/backups/BackupsView.tsx';
import { MonitorsView } from './views/monitors/MonitorsView.tsx';
import { OverviewView } from './views/overview/OverviewView.tsx';
import { ProjectsView } from './views/projects/ProjectsView.tsx';
import { RecoveryView } from './views/recovery/RecoveryView.tsx';
import { ScorecardView } from './views/scorecard/ScorecardView.tsx';
import { SettingsView } from './views/settings/SettingsView.tsx';

const SCREENS: Record<ViewId, () => ReactElement> = {
  overview: OverviewView,
  projects: ProjectsView,
  scorecard: ScorecardView,
  monitors: MonitorsView,
  alerts: AlertsView,
  agents: AgentsView,
  recovery: RecoveryView,
  backups: BackupsView,
  settings: SettingsView,
};

export function App() {
  const view = useAppStore((s) => s.view);
  const connection = useAppStore((s) => s.connection);
  const appInfoError = useAppStore((s) => s.appInfoError);
  const notices = useAppStore((s) => s.appInfo?.notices);
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  const main = useRef<HTMLElement>(null);
  const shownView = useRef(view);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    const label = VIEWS.find((v) => v.id === view)?.label ?? '';
    document.title = `${label} · Photon Console`;
    // A screen reader would otherwise stay on the link just followed, unaware the page changed.
    if (shownView.current !== view) main.current?.focus();
    shownView.current = view;
  }, [view]);

  if (connection === 'rejected' || appInfoError?.code === 'UNAUTHORIZED') return <TokenRequired reason="rejected" />;

  const Screen = SCREENS[view];
  return (
    <div className="shell">
      {/* A button, not href="#main": the hash is the route. */}
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <Sidebar />
      <main id="main" ref={main} tabIndex={-1}>
        <ConnectionBanner />
        <DesktopToasts />
        {/* The About block on Settings already lists them in full. */}
        {view !== 'settings' && notices && <StartupNotices notices={notices} />}
        <Screen />
      </main>
    </div>
  );
}
