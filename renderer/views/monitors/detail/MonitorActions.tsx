import type { MonitorSummary } from '../../../../preload/contract.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { useAsyncAction } from '../../../components/use-async-action.ts';
import { useConfirmedAction } from '../../../components/use-confirmed-action.ts';
import { useMonitorsStore } from '../../../state/stores-context.tsx';
import { editHref, LIST_HREF } from '../monitor-route.ts';

/** Pause or resume, edit, remove. Nothing here changes what is shown: the monitorsUpdated event does. */
export function MonitorActions({ monitor }: { monitor: MonitorSummary }) {
  const setPaused = useMonitorsStore((s) => s.setPaused);
  const remove = useMonitorsStore((s) => s.remove);
  const pause = useAsyncAction(() => setPaused(monitor.id, !monitor.paused));

  const removal = useConfirmedAction(async () => {
    await remove(monitor.id);
    window.location.hash = LIST_HREF;
  });

  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => void pause.run()} disabled={pause.busy}>
          {monitor.paused ? 'Resume checks' : 'Pause checks'}
        </button>
        <a className="button" href={editHref(monitor.id)}>
          Edit
        </a>
        <button type="button" className="danger-quiet" onClick={removal.ask}>
          Remove
        </button>
        {pause.error && (
          <p className="field-error" role="alert">
            {pause.error}
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
