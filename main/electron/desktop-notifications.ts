import type { EventBus } from '../core/event-bus.ts';

/** The part of Electron's Notification this glue uses (injected, so it is testable with the stub). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; urgency?: 'normal' | 'critical' | 'low'; silent?: boolean }): {
    show(): void;
    on(event: 'click', listener: () => void): unknown;
  };
}

/**
 * Turns the core's desktopNotification events (alerts sent to a "desktop" channel) into system
 * notifications. A click brings the window forward. Returns the unsubscribe function.
 */
export function showDesktopNotifications(events: EventBus, Notification: NotificationClass, onClick: () => void): () => void {
  return events.onAny((name, payload) => {
    if (name !== 'desktopNotification' || !Notification.isSupported()) return;
    const n = payload as { title: string; body: string; severity: string };
    const notification = new Notification({ title: n.title, body: n.body, urgency: n.severity === 'critical' ? 'critical' : 'normal' });
    notification.on('click', onClick);
    notification.show();
  });
}
