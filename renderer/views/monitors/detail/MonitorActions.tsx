import { useState } from 'react';
import type { MonitorSummary } from '../../../../preload/contract.ts';
import { toApiError } from '../../../api/client.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useConfirmedAction } from '../../../components/use-confirmed-action.ts';
import { useMonitorsStore } from '../../../state/stores-context.tsx';
import { editHref, LIST_HREF } from '../monitor-route.ts';

/** Pause or resume, edit, remove. Nothing here changes what is shown: the monitorsUpdated event does. */
export function MonitorActions({ monitor }: { monitor: MonitorSummary }) {
  const setPaused = useMonitorsStore((s) => s.setPaused);
  const remove = useMonitorsStore((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const togglePause = async () => {
    setBusy(true);
    setError(null);
    try {
      await setPaused(monitor.id, !monitor.paused);
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const removal = useConfirmedAction(async () => {
    await remove(monitor.id);
    window.location.hash = LIST_HREF;
  });

  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void togglePause()} disabled={busy}>
          {monitor.paused ? 'Resume checks' : 'Pause checks'}
        </button>
        <a className="button" href={editHref(monitor.id)}>
          Edit
        </a>
        <button type="button" className="danger-quiet" onClick={removal.ask}>
          Remove
        </button>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      {removal.confirming && (
        <ConfirmDialog title={`Remove “${monitor.name}”?`} confirmLabel="Remove monitor" {...removal.dialog}>
          <p>Its checks stop, and its results, charts and incidents are deleted. This cannot be undone.</p>
          {monitor.source.type === 'file' && (
            <p>It comes from {monitor.source.file}: importing that file again will bring it back unless you remove it there too.</p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
