import { useEffect, useState } from 'react';
import type { MethodResult, Series } from '../../../../preload/contract.ts';
import { useAlertsStore } from '../../../state/stores-context.tsx';

export type MaintenanceOccurrences = MethodResult<'getMonitorMaintenance'>;

/** Maintenance covering this monitor in the chart's range; re-read when a window changes (an event), never polled. */
export function useMaintenance(id: number, range: Series['range']): MaintenanceOccurrences {
  const load = useAlertsStore((s) => s.loadMaintenance);
  const windows = useAlertsStore((s) => s.windows);
  const [occurrences, setOccurrences] = useState<MaintenanceOccurrences>([]);
  useEffect(() => {
    let current = true;
    load(id, range).then(
      (list) => current && setOccurrences(list),
      // Without the list the charts are still right, only unshaded; the alerts view reports errors.
      () => current && setOccurrences([]),
    );
    return () => {
      current = false;
    };
  }, [id, range, load, windows]);
  return occurrences;
}
