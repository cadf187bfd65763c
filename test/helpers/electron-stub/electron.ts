/**
 * A recording fake of the Electron APIs the glue uses, so the glue runs under plain Node. It keeps
 * the real rules whose violation would only show up in a real Electron: schemes are registered as
 * privileged only before `ready`, protocol and session only after; one handler per IPC channel;
 * everything crossing IPC is structured-cloned. Everything else is recorded in `stub` for tests.
 *
 * Methods named `simulate…` are test helpers, not Electron API.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY_URL } from '../../../main/electron/app-url.ts';

/** A WebFrameMain as an IPC event carries it: the frame's URL, and its parent (null: top level). */
export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}
export interface FakeIpcMainInvokeEvent {
  senderFrame: FakeFrame | null;
}
type IpcHandler = (event: FakeIpcMainInvokeEvent, ...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean;
export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
}
type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

export interface FakeEvent {
  url?: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tempDirs: string[] = [];
process.on('exit', () => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photon-electron-stub-'));
  tempDirs.push(dir);
  return dir;
}

function freshState() {
  return {
    ready: false,
    userDataDir: tempDir(),
    singleInstanceLock: true,
    sandboxEnabled: false,
    lockRequests: 0,
    quitCalls: 0,
    exitCodes: [] as number[],
    privilegedSchemes: [] as { scheme: string; privileges?: Record<string, boolean> }[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    windows: [] as FakeBrowserWindow[],
    ipcHandlers: new Map<string, IpcHandler>(),
    /** Every ipcMain.on / once registration, by whoever made it (the glue or a dependency). */
    ipcListenerRegistrations: [] as string[],
    exposed: new Map<string, unknown>(),
    openedExternally: [] as string[],
    errorBoxes: [] as { title: string; content: string }[],
    /** Every Notification shown (new Notification(options).show()). */
    notifications: [] as Array<{ title?: string; body?: string; urgency?: string; silent?: boolean }>,
    /** The same notifications as objects, so a test can click one. */
    notificationObjects: [] as Array<{ click(): void }>,
    notificationsSupported: true,
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as PermissionCheckHandler | null,
    /** The URL of the frame that ipcRenderer.invoke calls come from; null = no frame. */
    rendererFrameUrl: APP_ENTRY_URL as string | null,
  };
}

export const stub = freshState();

export function fakeEvent(url?: string): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ── app ──────────────────────────────────────────────────────────────────────────────────────────

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Photon Console';

  whenReady(): Promise<void> {
    return Promise.resolve().then(() => {
      stub.ready = true;
    });
  }
  isReady(): boolean {
    return stub.ready;
  }
  enableSandbox(): void {
    if (stub.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    stub.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    stub.lockRequests += 1;
    return stub.singleInstanceLock;
  }
  quit(): void {
    stub.quitCalls += 1;
  }
  exit(code = 0): void {
    stub.exitCodes.push(code);
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the stub only knows app.getPath('userData'), not ${name}`);
    return stub.userDataDir;
  }
  getAppPath(): string {
    return REPO_ROOT;
  }
  getVersion(): string {
    return '0.0.0-stub';
  }
}
export const app = new FakeApp();

// ── BrowserWindow and webContents ────────────────────────────────────────────────────────────────

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Records the message and delivers it, cloned as IPC would, to the (single) fake renderer. */
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    ipcRenderer.emit(channel, { sender: ipcRenderer, senderId: 0 }, ...structuredClone(args));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Fires a navigation event as Electron 45 does (details object first, then the deprecated url). */
  simulateNavigation(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): FakeEvent {
    const details = fakeEvent(url);
    this.emit(event, details, url, false, true);
    return details;
  }
  simulateWindowOpen(url: string): { action: 'allow' | 'deny' } {
    if (!this.windowOpenHandler) throw new Error('no window open handler was set');
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
  }
  simulateAttachWebview(src: string): FakeEvent {
    const event = fakeEvent();
    this.emit('will-attach-webview', event, {}, { src });
    return event;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return stub.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    stub.windows.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  minimize(): void {
    this.minimized = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}
export { FakeBrowserWindow as BrowserWindow };

// ── IPC ──────────────────────────────────────────────────────────────────────────────────────────

class FakeIpcMain extends EventEmitter {
  override on(channel: string | symbol, listener: (...args: unknown[]) => void): this {
    stub.ipcListenerRegistrations.push(String(channel));
    return super.on(channel, listener);
  }
  override once(channel: string | symbol, listener: (...args: unknown[]) => void): this {
    stub.ipcListenerRegistrations.push(String(channel));
    return super.once(channel, listener);
  }
  handle(channel: string, handler: IpcHandler): void {
    if (stub.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    stub.ipcHandlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    stub.ipcHandlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

/** A top-level frame showing `url`, or (with `inside`) an iframe in a page showing `inside`. */
export function fakeFrame(url: string, inside?: string): FakeFrame {
  return { url, parent: inside === undefined ? null : fakeFrame(inside) };
}

/** Calls a main-process handler the way a renderer frame would: a URL means a top-level frame. */
export async function invokeMain(channel: string, args: unknown[], frame: string | FakeFrame | null): Promise<unknown> {
  const handler = stub.ipcHandlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  const event: FakeIpcMainInvokeEvent = { senderFrame: typeof frame === 'string' ? fakeFrame(frame) : frame };
  return structuredClone(await handler(event, ...structuredClone(args)));
}

class FakeIpcRenderer extends EventEmitter {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return invokeMain(channel, args, stub.rendererFrameUrl);
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (stub.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    stub.exposed.set(key, api);
  },
};

// ── shell, dialog, session, protocol ─────────────────────────────────────────────────────────────

export const shell = {
  openExternal(url: string): Promise<void> {
    stub.openedExternally.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    stub.errorBoxes.push({ title, content });
  },
};

const defaultSession = {
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    stub.permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    stub.permissionCheckHandler = handler;
  },
};

export const session = {
  get defaultSession() {
    if (!stub.ready) throw new Error('Session can only be received when app is ready');
    return defaultSession;
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (stub.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    stub.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!stub.ready) throw new Error('protocol.handle can only be used after the app is ready');
    if (stub.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    stub.protocolHandlers.set(scheme, handler);
  },
};

// ── Notification ─────────────────────────────────────────────────────────────────────────────────

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return stub.notificationsSupported;
  }
  constructor(readonly options: { title?: string; body?: string; urgency?: string; silent?: boolean } = {}) {
    super();
    if (!stub.ready) throw new Error('Notification can only be used after the app is ready');
  }
  show(): void {
    stub.notifications.push(this.options);
    stub.notificationObjects.push(this);
  }
  /** What a click on the shown notification does in Electron. */
  click(): void {
    this.emit('click');
  }
}

/** Requests `url` from the handler registered for its scheme, as the renderer's network stack would. */
export async function simulateProtocolRequest(url: string, init?: RequestInit): Promise<Response> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = stub.protocolHandlers.get(scheme);
  if (!handler) throw new Error(`no handler for scheme ${scheme}`);
  return handler(new Request(url, init));
}

/** Forgets every recording and listener, with a fresh userData dir: each test starts a new app. */
export function reset(): void {
  Object.assign(stub, freshState());
  for (const emitter of [app, ipcMain, ipcRenderer]) emitter.removeAllListeners();
}

export default { app, BrowserWindow: FakeBrowserWindow, ipcMain, ipcRenderer, contextBridge, shell, dialog, session, protocol, Notification };
