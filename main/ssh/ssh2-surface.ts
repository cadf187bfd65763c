import type { Socket } from 'node:net';

/*
 * The slice of ssh2 (reached through node-ssh, the declared dependency) that this layer uses.
 * @types/ssh2 is not installed, so node-ssh's typings resolve ssh2 to `any`; these interfaces put
 * the types back for exactly the calls made here, and one cast in connect.ts joins them up.
 */

export interface Ssh2ConnectConfig {
  sock: Socket;
  username: string;
  privateKey?: string;
  passphrase?: string;
  agent?: string;
  password?: string;
  /** Called with the raw host key blob; answering through `verify` lets the decision be async. */
  hostVerifier: (key: Buffer, verify: (accept: boolean) => void) => void;
  readyTimeout: number;
  tryKeyboard: boolean;
  /** A dead peer is noticed within interval × count instead of when TCP gives up (minutes). */
  keepaliveInterval: number;
  keepaliveCountMax: number;
  algorithms?: { serverHostKey: string[] };
}

/** ssh2's Error objects carry the layer that failed. */
export interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

export interface Ssh2Channel {
  stderr: { on(event: 'data', listener: (chunk: Buffer) => void): unknown };
  /** (code) for a normal exit; (null, "SIGxxx", coreDumped, description) when killed. */
  on(event: 'exit', listener: (code: number | null, signal?: string) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  signal(name: string): boolean;
  close(): boolean;
  /** EOF on the remote command's stdin. */
  end(): void;
}

export interface Ssh2Client {
  exec(command: string, callback: (err: Error | undefined, channel: Ssh2Channel) => void): void;
  on(event: 'error', listener: (err: Ssh2Error) => void): this;
  on(event: 'close', listener: () => void): this;
  end(): void;
  destroy(): void;
}
