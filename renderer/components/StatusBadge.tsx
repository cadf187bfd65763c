import type { MonitorStatusName } from '../../preload/contract.ts';

/** The status in words; the colour (from the class) only repeats what the text says. */
export function StatusBadge({ status }: { status: MonitorStatusName }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status}</span>;
}
