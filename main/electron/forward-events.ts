import type { BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../preload/contract.ts';
import type { EventBus } from '../core/event-bus.ts';

/** Pushes every core event to every open window; the preload fans it out to subscribers. */
export function forwardCoreEvents(events: EventBus, windows: () => BrowserWindow[]): () => void {
  return events.onAny((name, payload) => {
    for (const win of windows()) {
      if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
}
