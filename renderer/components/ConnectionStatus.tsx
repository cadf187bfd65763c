import type { ConnectionState } from '../api/client.ts';
import { useAppStore } from '../state/stores-context.tsx';

const TEXT: Record<ConnectionState, string> = {
  connecting: 'Live updates: connecting…',
  live: 'Live updates: on',
  retrying: 'Live updates: lost, reconnecting…',
  rejected: 'Live updates: access token refused',
};

/** Says in words whether what is on screen is still being kept current. */
export function ConnectionStatus() {
  const state = useAppStore((s) => s.connection);
  return (
    <p className="connection" data-state={state} role="status">
      {TEXT[state]}
    </p>
  );
}
