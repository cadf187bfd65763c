import { useAppStore } from '../state/stores-context.tsx';

/** While live updates are down, nothing on screen can be trusted to be current; say so where the eyes are. */
export function ConnectionBanner() {
  const state = useAppStore((s) => s.connection);
  if (state !== 'retrying') return null;
  return (
    <div className="banner banner-warning" role="status">
      <p className="banner-title">Live updates lost: what is shown may be out of date.</p>
      <p>Reconnecting to photon serve. The page refreshes its data by itself once the link is back.</p>
    </div>
  );
}
