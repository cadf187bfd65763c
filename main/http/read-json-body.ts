import type { IncomingMessage } from 'node:http';
import { ContractError } from '../api/contract-error.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** How a server says no to a body: each speaks its own error format. */
export interface BodyRefusals {
  tooLarge(limit: number): Error;
  notJson(reason: string): Error;
}

const CONTRACT_REFUSALS: BodyRefusals = {
  tooLarge: (limit) => new ContractError('BAD_REQUEST', `Request body is larger than ${limit} bytes`),
  notJson: (reason) => new ContractError('BAD_REQUEST', `Request body is not valid JSON: ${reason}`),
};

/**
 * Reads a JSON request body with a size cap; an empty body is undefined ("no arguments"). A body
 * declared too large is refused before a byte is read.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES, refuse: BodyRefusals = CONTRACT_REFUSALS): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw refuse.tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw refuse.tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw refuse.notJson((err as Error).message);
  }
}
