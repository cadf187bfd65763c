import { errorMessage } from './error-message.ts';

/** Minimal logger seam: the core logs through this so tests and the Electron layer can redirect it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(`warning: ${m}`),
  error: (m, err) => console.error(`error: ${m}`, err === undefined ? '' : errorMessage(err)),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
