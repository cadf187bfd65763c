import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type Envelope } from '../../preload/contract.ts';
import type { Dispatch } from '../api/dispatcher.ts';
import { isAppUrl } from './app-url.ts';

/**
 * Binds every contract method to ipcMain.handle. Each call must come from a frame showing the app's
 * own origin (checklist item 17); its input is then parsed by the dispatcher like any HTTP call.
 */
export function registerContractHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), (event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => {
      const frameUrl = event.senderFrame?.url;
      if (!isAppUrl(frameUrl)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'FORBIDDEN', message: `${name}: refused a call from ${JSON.stringify(frameUrl ?? 'an unknown frame')}` },
        });
      }
      return dispatch(name, input);
    });
  }
  return () => METHOD_NAMES.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}
