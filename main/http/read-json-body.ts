import type { IncomingMessage } from 'node:http';
import { ContractError } from '../api/contract-error.ts';
import { CONFIG } from '../core/config.ts';

export const MAX_BODY_BYTES = CONFIG.serve.maxBodyBytes;

/** How a server says no to a body: each speaks its own error format. */
export interface BodyRefusals {
  tooLarge(limit: number): Error;
  notJson(reason: string): Error;
}

const CONTRACT_REFUSALS: BodyRefusals = {
  tooLarge: (limit) => new ContractError('PAYLOAD_TOO_LARGE', `Request body is larger than ${limit} bytes`),
  notJson: (reason) => new ContractError('BAD_REQUEST', `Request body is not valid JSON: ${reason}`),
};

/**
 * Reads a JSON request body with a size cap; an empty body is undefined ("no arguments"). A body
 * declared too large is refused before a byte is read. A refused body is left unread on a paused
 * request, never destroyed with it: sendJson then answers and discards the rest, so the client
 * gets the answer instead of a reset connection.
 */
export function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES, refuse: BodyRefusals = CONTRACT_REFUSALS): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(refuse.tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      settle(() => reject(refuse.tooLarge(limit)));
    };
    const onEnd = () => settle(() => parseBody(Buffer.concat(chunks).toString('utf8'), refuse, resolve, reject));
    const onError = (err: Error) => settle(() => reject(err));
    const onClose = () => settle(() => reject(new Error('The client closed the connection before the whole body arrived')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function parseBody(text: string, refuse: BodyRefusals, resolve: (value: unknown) => void, reject: (err: Error) => void): void {
  if (text.trim() === '') return resolve(undefined);
  try {
    resolve(JSON.parse(text));
  } catch (err) {
    reject(refuse.notJson((err as Error).message));
  }
}
