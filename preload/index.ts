/**
 * Preload (bundled to out/preload/index.cjs: sandboxed preloads run as plain CommonJS and may
 * require nothing but 'electron'). Runs in the isolated world; the page sees only window.photon.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('photon', createBridge(ipcRenderer));
