import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  METHOD_NAMES,
  ipcChannel,
  isEventName,
  type EventName,
  type PhotonBridge,
} from './contract.ts';

type Listener = (payload: unknown) => void;

/**
 * Builds what the page sees as window.photon: one function per contract method and subscribe().
 * The page never gets ipcRenderer or an IpcRendererEvent (whose `sender` is ipcRenderer itself), so
 * it can reach no channel the contract does not name (checklist item 3's point).
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): PhotonBridge {
  const listeners = new Map<EventName, Set<Listener>>();
  let listening = false;

  // ONE channel listener for all subscriptions; it hands each subscriber the payload alone.
  const deliver = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (!isEventName(name)) return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (err) {
        console.error(`photon: a ${name} listener failed`, err);
      }
    }
  };

  const subscribe = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`photon.subscribe: unknown event ${JSON.stringify(String(event).slice(0, 80))}`);
    if (typeof listener !== 'function') throw new TypeError('photon.subscribe: the listener must be a function');
    if (!listening) {
      ipc.on(IPC_EVENT_CHANNEL, deliver);
      listening = true;
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const own: Listener = (payload) => (listener as Listener)(payload);
    set.add(own);
    return () => {
      set.delete(own);
    };
  };

  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input: unknown) => ipc.invoke(ipcChannel(name), input)]),
  );
  return Object.freeze({ ...methods, subscribe }) as PhotonBridge;
}
