import type { IpcMain } from 'electron';
import { senderRefusal, type SenderEvent } from './ipc-sender.ts';

type Listener = (...args: never[]) => unknown;

/** Every listener handleFromApp made: whatever else sits on ipcMain did not check its sender. */
const guarded = new WeakSet<Listener>();

/**
 * ipcMain.handle for the app's own page only: a call from any other sender gets `refuse(reason)`
 * and never reaches `handler`. The one way the app answers a renderer.
 */
export function handleFromApp<E extends SenderEvent, A extends unknown[], R>(
  ipcMain: Pick<IpcMain, 'handle'>,
  channel: string,
  handler: (event: E, ...args: A) => R,
  refuse: (reason: string) => Awaited<R>,
): void {
  const listener = (event: E, ...args: A): R | Promise<Awaited<R>> => {
    const refusal = senderRefusal(event);
    return refusal === null ? handler(event, ...args) : Promise.resolve(refuse(refusal));
  };
  guarded.add(listener as Listener);
  ipcMain.handle(channel, listener as unknown as Parameters<IpcMain['handle']>[1]);
}

export const isGuardedListener = (listener: unknown): boolean => guarded.has(listener as Listener);

/**
 * Removes every ipcMain.on listener, none of which handleFromApp made; returns their channels. Such
 * listeners are a dependency's: electron-store's constructor answers 'electron-store-get-data'
 * (the userData path) to any frame that asks, for renderers that use electron-store, which ours
 * never does. Run once everything is constructed.
 */
export function closeUnguardedIpcListeners(ipcMain: Pick<IpcMain, 'eventNames' | 'listeners' | 'removeListener'>): string[] {
  const closed: string[] = [];
  for (const channel of ipcMain.eventNames()) {
    for (const listener of ipcMain.listeners(channel)) {
      if (isGuardedListener(listener)) continue;
      ipcMain.removeListener(channel as string, listener as Parameters<IpcMain['removeListener']>[1]);
      closed.push(String(channel));
    }
  }
  return closed;
}
