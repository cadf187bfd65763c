import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { useAlertsStore } from '../../state/stores-context.tsx';
import { ChannelsPanel } from './ChannelsPanel.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';
import { MaintenancePanel } from './MaintenancePanel.tsx';
import { PolicyForm } from './PolicyForm.tsx';

export function AlertsView() {
  const status = useAlertsStore((s) => s.status);
  const error = useAlertsStore((s) => s.error);
  const policy = useAlertsStore((s) => s.policy);
  const reload = useAlertsStore((s) => s.reload);
  return (
    <section className="view view-wide" aria-labelledby="view-title">
      <h1 id="view-title">Alerts</h1>
      {error && <ErrorBanner title="Could not read alerts" error={error} onRetry={() => void reload()} />}
      {status === 'loading' && <p className="muted">Loading alerts…</p>}
      {status !== 'loading' && (
        <>
          <ChannelsPanel />
          {policy && <PolicyForm key={`${policy.reminderMinutes}:${policy.flapWindowMinutes}:${policy.flapThreshold}`} policy={policy} />}
          <MaintenancePanel />
          <DeliveryLog />
        </>
      )}
    </section>
  );
}
