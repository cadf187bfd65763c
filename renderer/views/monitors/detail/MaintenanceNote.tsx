import { formatAt } from '../../../format/time.ts';
import type { MaintenanceOccurrences } from './use-maintenance.ts';

/** The shaded areas in words: maintenance in this range, during which alerts were held. */
export function MaintenanceNote({ occurrences }: { occurrences: MaintenanceOccurrences }) {
  if (occurrences.length === 0) return null;
  return (
    <p className="chart-legend maintenance-note" aria-label="Maintenance in this range">
      <span className="key key-maintenance">maintenance</span> (checks ran, alerts held):{' '}
      {occurrences.map((o, i) => (
        <span key={`${o.windowId}:${o.start}`}>
          {i > 0 && '; '}
          {o.name} {formatAt(o.start)} – {formatAt(o.end)}
        </span>
      ))}
    </p>
  );
}
