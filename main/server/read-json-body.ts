import type { IncomingMessage } from 'node:http';
import { ContractError } from '../api/contract-error.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON request body with a size cap; an empty body means "no arguments". */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ContractError('BAD_REQUEST', `Request body is not valid JSON: ${(err as Error).message}`);
  }
}

const tooLarge = (limit: number) => new ContractError('BAD_REQUEST', `Request body is larger than ${limit} bytes`);
