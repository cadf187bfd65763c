import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type Envelope } from '../../preload/contract.ts';
import type { Dispatch } from '../api/dispatcher.ts';
import { handleFromApp } from './guarded-ipc.ts';

/**
 * Binds every contract method to ipcMain.handle. Each call must come from the app's own page
 * (checklist item 17; see handleFromApp); its input is then parsed by the dispatcher like any HTTP call.
 */
export function registerContractHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const name of METHOD_NAMES) {
    handleFromApp(
      ipcMain,
      ipcChannel(name),
      (_event: IpcMainInvokeEvent, input: unknown): Promise<Envelope<unknown>> => dispatch(name, input),
      (reason): Envelope<unknown> => ({ ok: false, error: { code: 'FORBIDDEN', message: `${name}: refused a call from ${reason}` } }),
    );
  }
  return () => METHOD_NAMES.forEach((name) => ipcMain.removeHandler(ipcChannel(name)));
}
