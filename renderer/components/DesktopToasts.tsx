import { useNotificationsStore } from '../state/stores-context.tsx';
import { formatAt } from '../format/time.ts';

/** Alerts sent to a desktop channel, shown in the page until dismissed (polite live region). */
export function DesktopToasts() {
  const shown = useNotificationsStore((s) => s.shown);
  const dismiss = useNotificationsStore((s) => s.dismiss);
  if (shown.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite">
      {shown.map((n) => (
        <div key={n.alertId} className={`toast toast-${n.severity}`}>
          <p className="banner-title">{n.title}</p>
          <p>{n.body}</p>
          <p className="muted">
            <time dateTime={new Date(n.at).toISOString()}>{formatAt(n.at)}</time>
          </p>
          <button type="button" onClick={() => dismiss(n.alertId)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
